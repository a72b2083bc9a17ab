/**
 * Prepared result shaping for @apollo/gateway.
 *
 * After the query plan has run, @apollo/gateway shapes the merged subgraph data into the client's answer
 * (`computeResponse`, resultShaping.js): it walks the client operation's selections over the data, applies
 * aliases, @skip/@include, __typename and fragments, checks leaf values and bubbles nulls up to the nearest
 * nullable field. It does so by interpreting the operation afresh for every value of every request: each
 * field asks the schema for its directives, response name and type through federation-internals' getters,
 * and the operation itself is rebuilt from the document on every request (`operationFromDocument`). On a
 * registry page that was about a fifth of the gateway's CPU.
 *
 * This module keeps the algorithm and changes when the work is done:
 *  - the operation is built once per (API schema, operation AST node) (Apollo Server's document cache hands
 *    back the same node for the same document), so it can carry a prepared plan;
 *  - each selection set is prepared once into steps (response name, wrapped type, @skip/@include as a
 *    ready test, leaf validator, child plans), and the walk follows those steps.
 * Output (data, null bubbling, the errors and their paths, assertion failures) is the same as Apollo's; the
 * unit test `test/unit/result-shaping.test.ts` compares both on generated data. `GATEWAY_RESULT_SHAPING=apollo`
 * keeps Apollo's own.
 *
 * It replaces two functions on the modules' export objects (`computeResponse` of @apollo/gateway's
 * resultShaping.js, `operationFromDocument` of federation-internals' operations.js): both are plain writable
 * properties that executeQueryPlan reads at call time. If an upgrade changes that, `installResultShaping`
 * reports it and leaves Apollo's in place.
 */
import { createRequire } from 'node:module';
import { Kind, type GraphQLError, type DocumentNode } from 'graphql';
import {
  assert,
  ERRORS,
  isCompositeType,
  isCustomScalarType,
  isSubtype,
  Variable,
  type CompositeType,
  type FieldSelection,
  type Operation,
  type OutputType,
  type Schema,
  type SelectionSet,
} from '@apollo/federation-internals';

type Data = Record<string, unknown>;
interface ComputeResponseArgs {
  operation: Operation;
  variables?: Record<string, unknown>;
  input: Data | null | undefined;
  introspectionHandling: (selection: FieldSelection) => unknown;
}
type ComputeResponse = (args: ComputeResponseArgs) => { data: Data | null | undefined; errors: GraphQLError[] };
type OperationFromDocument = (schema: Schema, document: DocumentNode, options?: { operationName?: string; validate?: boolean }) => Operation;

// The two modules whose exports executeQueryPlan reads at call time (resolved as @apollo/gateway resolves them).
const gatewayRequire = createRequire(createRequire(import.meta.url).resolve('@apollo/gateway'));
const shapingModule = gatewayRequire('./resultShaping.js') as { computeResponse: ComputeResponse };
const operationsModule = createRequire(gatewayRequire.resolve('@apollo/federation-internals'))('./operations.js') as {
  operationFromDocument: OperationFromDocument;
};

const apollo = { computeResponse: shapingModule.computeResponse, operationFromDocument: operationsModule.operationFromDocument };
const { INVALID_GRAPHQL } = ERRORS;
const TYPENAME = '__typename';
const OK = 0;
const NULL_BUBBLE_UP = 1;
const integerString = /^-?(?:0|[1-9][0-9]*)$/;
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
/** A value in an assertion's message, as Apollo's template strings print it. */
const text = (value: unknown) => String(value);

/** A type as the walk needs it: its wrappers resolved once. */
type TypePlan =
  | { kind: 'nonNull'; type: OutputType; ofType: TypePlan }
  | { kind: 'list'; type: OutputType; ofType: TypePlan }
  | { kind: 'composite'; type: CompositeType }
  | { kind: 'leaf'; type: OutputType; valid: (value: unknown) => boolean };

type Variables = Record<string, unknown>;
type Skip = ((variables: Variables) => boolean) | null;
type Path = (string | number)[];

interface FieldStep {
  kind: 'field';
  skip: Skip;
  responseName: string;
  type: TypePlan;
  selectionSet: SelectionSet | undefined;
  plan: Step[] | null;
}
interface FragmentStep {
  kind: 'fragment';
  skip: Skip;
  typeCondition: CompositeType | undefined;
  selectionSet: SelectionSet;
  plan: Step[] | null;
  /** Whether the condition applies, by __typename (or by parent type when there is none). */
  applies: Map<string, boolean>;
}
type Step =
  | { kind: 'introspection'; skip: Skip; responseName: string; selection: FieldSelection }
  | { kind: 'typename'; skip: Skip; responseName: string }
  | FieldStep
  | FragmentStep;

interface OperationPlan {
  rootType: CompositeType;
  steps: Step[];
  defaultedVariables: Variables;
}

/** The registers of one shaping: variables, errors, and the two flags a value's update leaves for its caller. */
interface Run {
  schema: Schema;
  variables: Variables;
  errors: GraphQLError[];
  introspectionHandling: (selection: FieldSelection) => unknown;
  /** Set by `update`: the value is null where null is not allowed (the parent bubbles it up). */
  invalid: boolean;
  /** Set by `update`: an error was recorded for this value. */
  hasErrors: boolean;
}

/**
 * federation-internals' isValidLeafValue, with the type's questions answered once per field: calling it per value
 * cost about 10 % of the registry scenario's in-process CPU (bench:profile, three alternated pairs). The result-shaping
 * test compares both on invalid leaves of every built-in scalar and of an enum, so a change upstream shows there.
 */
function leafValidator(schema: Schema, type: OutputType): (value: unknown) => boolean {
  if (isCustomScalarType(type)) return () => true;
  const isBoolean = type === schema.booleanType();
  const isInt = type === schema.intType();
  const isId = type === schema.idType();
  const isFloat = type === schema.floatType();
  const enumType = type.kind === 'EnumType' ? type : null;
  return (value) => {
    if (typeof value === 'boolean') return isBoolean;
    if (typeof value === 'number' && isFinite(value)) return isInt || isId ? integerString.test(String(value)) : isFloat;
    if (typeof value === 'string') return enumType ? enumType.value(value) !== undefined : !isBoolean && !isInt && !isFloat;
    return false;
  };
}

function typePlan(schema: Schema, type: OutputType): TypePlan {
  switch (type.kind) {
    case 'NonNullType':
      return { kind: 'nonNull', type, ofType: typePlan(schema, type.ofType as OutputType) };
    case 'ListType':
      return { kind: 'list', type, ofType: typePlan(schema, type.ofType as OutputType) };
    case 'ObjectType':
    case 'InterfaceType':
    case 'UnionType':
      return { kind: 'composite', type };
    default:
      return { kind: 'leaf', type, valid: leafValidator(schema, type) };
  }
}

function ifValue(directive: { arguments(): { if: boolean | Variable } }): (variables: Variables) => boolean {
  const argument: unknown = directive.arguments().if;
  if (argument instanceof Variable) {
    const name = argument.name;
    return (variables) => {
      const value = variables[name];
      assert(value !== undefined && typeof value === 'boolean', () => `Unexpected value ${text(value)} for variable ${text(argument)} of ${text(directive)}`);
      return value;
    };
  }
  return () => argument as boolean;
}

function skipOf(schema: Schema, element: FieldSelection['element'] | FragmentSelectionElement): Skip {
  const skip = element.appliedDirectivesOf(schema.skipDirective())[0];
  const include = element.appliedDirectivesOf(schema.includeDirective())[0];
  if (!skip && !include) return null;
  const skipIf = skip ? ifValue(skip) : null;
  const includeIf = include ? ifValue(include) : null;
  return (variables) => (skipIf !== null && skipIf(variables)) || (includeIf !== null && !includeIf(variables));
}
type FragmentSelectionElement = Exclude<ReturnType<SelectionSet['selections']>[number], FieldSelection>['element'];

function prepare(schema: Schema, selectionSet: SelectionSet): Step[] {
  const steps: Step[] = [];
  for (const selection of selectionSet.selections()) {
    const skip = skipOf(schema, selection.element);
    if (selection.kind === 'FieldSelection') {
      const field = selection.element;
      const responseName = field.responseName();
      if (field.definition.isSchemaIntrospectionField()) steps.push({ kind: 'introspection', skip, responseName, selection });
      else if (field.name === TYPENAME) steps.push({ kind: 'typename', skip, responseName });
      else steps.push({ kind: 'field', skip, responseName, type: typePlan(schema, field.definition.type!), selectionSet: selection.selectionSet, plan: null });
    } else {
      steps.push({
        kind: 'fragment',
        skip,
        typeCondition: selection.element.typeCondition,
        selectionSet: selection.selectionSet,
        plan: null,
        applies: new Map(),
      });
    }
  }
  return steps;
}

const childPlan = (schema: Schema, step: FieldStep | FragmentStep): Step[] => (step.plan ??= prepare(schema, step.selectionSet!));

const operationPlans = new WeakMap<Operation, OperationPlan>();
function planOf(operation: Operation): OperationPlan {
  let plan = operationPlans.get(operation);
  if (!plan) {
    const schema = operation.schema();
    plan = {
      rootType: schema.schemaDefinition.rootType(operation.rootKind)!,
      steps: prepare(schema, operation.selectionSet),
      defaultedVariables: operation.collectDefaultedVariableValues() as Variables,
    };
    operationPlans.set(operation, plan);
  }
  return plan;
}

function describeLast(path: Path, currentType: OutputType, parentType: CompositeType): string {
  const element = path[path.length - 1];
  assert(element !== undefined, 'Should not have been called on an empty path');
  return typeof element === 'string' ? `field ${String(parentType)}.${element}` : `array element of type ${String(currentType)} at index ${element}`;
}

function typeConditionApplies(run: Run, step: FragmentStep, typename: string | undefined, parentType: CompositeType): boolean {
  if (!step.typeCondition) return true;
  const key = typename || `\u0000${parentType.name}`;
  let applies = step.applies.get(key);
  if (applies === undefined) {
    if (typename) {
      const type = run.schema.type(typename);
      applies = !!type && isSubtype(step.typeCondition, type);
    } else {
      applies = isSubtype(step.typeCondition, parentType);
    }
    step.applies.set(key, applies);
  }
  return applies;
}

function applySteps(run: Run, input: Data, steps: Step[], output: Data, path: Path, parentType: CompositeType): number {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (step.skip !== null && step.skip(run.variables)) continue;
    if (step.kind === 'fragment') {
      const typename = input[TYPENAME];
      assert(!typename || typeof typename === 'string', () => `Got unexpected value for __typename: ${text(typename)}`);
      if (typeConditionApplies(run, step, (typename as string | undefined) || undefined, parentType)) {
        if (applySteps(run, input, childPlan(run.schema, step), output, path, step.typeCondition ?? parentType) === NULL_BUBBLE_UP) return NULL_BUBBLE_UP;
      }
      continue;
    }
    const responseName = step.responseName;
    const outputValue = output[responseName];
    if (step.kind === 'introspection') {
      if (outputValue === undefined) output[responseName] = run.introspectionHandling(step.selection);
      continue;
    }
    let inputValue = hasOwn(input, responseName) ? (input[responseName] ?? null) : null;
    if (step.kind === 'typename') {
      if (outputValue === undefined) {
        if (inputValue === null && responseName !== TYPENAME) inputValue = input[TYPENAME] ?? null;
        const type = inputValue !== null && typeof inputValue === 'string' ? (run.schema.type(inputValue) ?? parentType) : parentType;
        if (type.kind !== 'ObjectType') return NULL_BUBBLE_UP;
        output[responseName] = type.name;
      }
      continue;
    }
    path.push(responseName);
    output[responseName] = update(run, outputValue, step.type, inputValue, step, path, parentType);
    path.pop();
    if (run.invalid) return NULL_BUBBLE_UP;
  }
  return OK;
}

/** One value (Apollo's updateOutputValue): returns the updated output value and leaves `run.invalid` / `run.hasErrors` for the caller to read at once. */
function update(run: Run, outputValue: unknown, type: TypePlan, inputValue: unknown, step: FieldStep, path: Path, parentType: CompositeType): unknown {
  assert(inputValue !== undefined, 'Should not pass undefined for `inputValue` to this method');
  const selectionSet = step.selectionSet;
  if (outputValue === null || (outputValue !== undefined && !selectionSet)) {
    run.invalid = run.hasErrors = false;
    return outputValue;
  }
  switch (type.kind) {
    case 'nonNull': {
      const updated = update(run, outputValue, type.ofType, inputValue, step, path, parentType);
      if (updated === null) {
        if (!run.hasErrors) {
          run.errors.push(
            INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${describeLast(path, type.ofType.type, parentType)}.`, { path: Array.from(path) }),
          );
        }
        run.invalid = run.hasErrors = true;
        return null;
      }
      run.invalid = run.hasErrors = false;
      return updated;
    }
    case 'list': {
      if (inputValue === null) break;
      assert(Array.isArray(inputValue), () => `Invalid non-list value ${text(inputValue)} returned by subgraph for list type ${String(type.type)}`);
      assert(
        outputValue === undefined || Array.isArray(outputValue),
        () => `Invalid non-list value ${text(outputValue)} returned by subgraph for list type ${String(type.type)}`,
      );
      const existing = outputValue as unknown[] | undefined;
      const length = existing === undefined ? inputValue.length : existing.length;
      assert(inputValue.length === length, () => `[${text(inputValue)}].length (${inputValue.length}) !== [${text(outputValue)}].length (${length})`);
      const updated = new Array<unknown>(length);
      let shouldNullify = false;
      let hasErrors = false;
      for (let i = 0; i < length; i++) {
        path.push(i);
        updated[i] = update(run, existing === undefined ? undefined : existing[i], type.ofType, inputValue[i], step, path, parentType);
        path.pop();
        shouldNullify ||= run.invalid;
        hasErrors ||= run.hasErrors;
      }
      run.invalid = false;
      run.hasErrors = hasErrors;
      return shouldNullify ? null : updated;
    }
    case 'composite': {
      if (inputValue === null) break;
      assert(selectionSet, () => `Invalid empty selection set for composite type ${String(type.type)}`);
      assert(typeof inputValue === 'object', () => `Invalid non-object value ${text(inputValue)} returned by subgraph for composite type ${String(type.type)}`);
      assert(
        outputValue === undefined || typeof outputValue === 'object',
        () => `Invalid non-object value ${text(inputValue)} returned by subgraph for composite type ${String(type.type)}`,
      );
      const input = inputValue as Data;
      const inputTypename = input[TYPENAME];
      assert(
        inputTypename === undefined || typeof inputTypename === 'string',
        () => `Invalid non-string value ${text(inputTypename)} for __typename at ${String(path)}`,
      );
      let objectType = type.type;
      if (inputTypename) {
        const named = run.schema.type(inputTypename);
        if (!named || !isCompositeType(named)) {
          run.errors.push(
            INVALID_GRAPHQL.err(`Invalid __typename found for object at ${describeLast(path, type.type, parentType)}.`, { path: Array.from(path) }),
          );
          run.invalid = false;
          run.hasErrors = true;
          return null;
        }
        objectType = named;
      }
      const outputObject = (outputValue ?? new ResponseObject()) as Data;
      const bubbled = applySteps(run, input, childPlan(run.schema, step), outputObject, path, objectType) === NULL_BUBBLE_UP;
      run.invalid = false;
      run.hasErrors = bubbled;
      return bubbled ? null : outputObject;
    }
    case 'leaf': {
      if (inputValue === null) break;
      assert(outputValue === undefined, () => `Excepted output to be undefined but got ${String(type.type)} for type ${String(type.type)}`);
      const valid = type.valid(inputValue);
      if (!valid) run.errors.push(INVALID_GRAPHQL.err(`Invalid value found for ${describeLast(path, type.type, parentType)}.`, { path: Array.from(path) }));
      run.invalid = false;
      run.hasErrors = !valid;
      return valid ? inputValue : null;
    }
  }
  // A null where null is allowed.
  run.invalid = run.hasErrors = false;
  return null;
}

/**
 * An object of the answer. Apollo's computeResponse makes them with `Object.create(null)` so that no response name
 * (an alias may be `constructor`, `toString` or `__proto__`) reads or writes anything inherited. V8 keeps such objects
 * in dictionary mode: slower to fill, and JSON.stringify takes its slow path on them (the registry scenario's answer
 * took 0.23-0.29 ms to stringify against 0.12-0.17 ms for the same data parsed back, 120 of its 121 objects in
 * dictionary mode; prettyJSONStringify was 6 % of that scenario's in-process profile). Instances of a constructor
 * whose prototype is an empty object without a prototype inherit nothing either (no `constructor` property: not a
 * class), and stay in fast mode; `__proto__` is then an ordinary own property, as it was on a null-prototype object.
 */
const ResponseObject = function ResponseObject() {} as unknown as new () => Data;
ResponseObject.prototype = Object.freeze(Object.create(null) as object);

/** Apollo's computeResponse, with the operation prepared once. Same arguments, same result. */
export const computeResponse: ComputeResponse = ({ operation, variables, input, introspectionHandling }) => {
  if (!input) return { data: input, errors: [] };
  const plan = planOf(operation);
  const run: Run = {
    schema: operation.schema(),
    variables: { __proto__: null, ...plan.defaultedVariables, ...variables },
    errors: [],
    introspectionHandling,
    invalid: false,
    hasErrors: false,
  };
  const data = new ResponseObject();
  const result = applySteps(run, input, plan.steps, data, [], plan.rootType);
  return { data: result === NULL_BUBBLE_UP ? null : data, errors: run.errors };
};

const operations = new WeakMap<Schema, WeakMap<object, { fragments: readonly object[]; operation: Operation }>>();
/**
 * operationFromDocument, remembered for executeQueryPlan's call (no validation, no operation name, the
 * operation's AST node first, then its fragments): the same API schema and the same AST nodes give the
 * same operation. Every other call goes to Apollo's.
 */
export const operationFromDocument: OperationFromDocument = (schema, document, options) => {
  const [first, ...fragments] = document.definitions;
  if (options?.validate !== false || options.operationName !== undefined || first?.kind !== Kind.OPERATION_DEFINITION) {
    return apollo.operationFromDocument(schema, document, options);
  }
  let bySchema = operations.get(schema);
  if (!bySchema) operations.set(schema, (bySchema = new WeakMap()));
  const known = bySchema.get(first);
  if (known && known.fragments.length === fragments.length && known.fragments.every((f, i) => f === fragments[i])) return known.operation;
  const operation = apollo.operationFromDocument(schema, document, options);
  bySchema.set(first, { fragments, operation });
  return operation;
};

/** Apollo's own functions (for comparison in tests). */
export const apolloResultShaping = apollo;

export type ResultShaping = 'prepared' | 'apollo';

/**
 * Puts prepared shaping in place (or Apollo's back, for 'apollo'), process-wide: every @apollo/gateway in this
 * process shapes with it. Returns what is in place: 'apollo' when the modules are not as expected.
 */
export function installResultShaping(mode: ResultShaping, warn: (message: string) => void = () => {}): ResultShaping {
  const writable = (o: object, key: string) => Object.getOwnPropertyDescriptor(o, key)?.writable === true;
  if (!writable(shapingModule, 'computeResponse') || !writable(operationsModule, 'operationFromDocument') || typeof apollo.computeResponse !== 'function') {
    if (mode === 'prepared') warn('prepared result shaping not installed: @apollo/gateway or federation-internals changed shape; Apollo shapes results');
    return 'apollo';
  }
  shapingModule.computeResponse = mode === 'prepared' ? computeResponse : apollo.computeResponse;
  operationsModule.operationFromDocument = mode === 'prepared' ? operationFromDocument : apollo.operationFromDocument;
  return mode;
}
