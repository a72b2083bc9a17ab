/**
 * Compiled execution for a subgraph's hot operations, behind Apollo Server's own interfaces.
 *
 * Apollo Server runs an operation through a gateway's executor when given a `gateway` (GatewayInterface):
 * parsing, the document cache, validation, context creation and error formatting stay Apollo's; only
 * execution changes. The executor compiles an operation with graphql-jit (resolvers, type resolution,
 * variable coercion and leaf serialization turned into plain JavaScript once) after it has been seen
 * `compileAfter` times, and runs every later request of the same document through the compiled function.
 * The operations a subgraph receives are the gateway's query-plan fetches: a small, fixed set repeated
 * for every request, which is where compiling pays (queries only; mutations stay on graphql-js). A document graphql-jit cannot compile, or whose compiled
 * run throws, is executed by graphql-js as before (and never compiled again).
 */
import { execute, GraphQLError, OperationTypeNode, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';

export interface CompiledExecutionOptions {
  /** Executions of a document by graphql-js before it is compiled (0: compile on first use). */
  compileAfter?: number;
  /** Told once per document that could not be compiled (it runs on graphql-js). */
  onFallback?: (operationName: string | null, reason: string) => void;
  /** The compiler (graphql-jit's compileQuery); replaceable to test the fallback. */
  compile?: typeof compileQuery;
}

/** What the executor knows of one document and operation. */
type Plan = { runs: number; compiled?: CompiledQuery; fallback?: true };

export interface CompiledExecutionStats {
  /** Executions through a compiled operation. */
  compiled: number;
  /** Executions through graphql-js (before compiling, and documents that cannot be compiled). */
  interpreted: number;
  /** Documents graphql-jit could not compile. */
  fallbacks: number;
}

export interface CompiledExecution {
  /** The `gateway` option of an ApolloServer serving `schema`. */
  gateway: GatewayInterface;
  stats: CompiledExecutionStats;
}

export function compiledExecution(schema: GraphQLSchema, options: CompiledExecutionOptions = {}): CompiledExecution {
  const compileAfter = options.compileAfter ?? 1;
  const stats: CompiledExecutionStats = { compiled: 0, interpreted: 0, fallbacks: 0 };
  // Apollo's document cache hands back the same DocumentNode for the same text: a compiled operation lives as long as its document.
  const plans = new WeakMap<DocumentNode, Map<string, Plan>>();

  const planOf = (document: DocumentNode, operationName: string | null): Plan => {
    let byName = plans.get(document);
    if (!byName) plans.set(document, (byName = new Map<string, Plan>()));
    let plan = byName.get(operationName ?? '');
    if (!plan) byName.set(operationName ?? '', (plan = { runs: 0 }));
    return plan;
  };

  const fallBack = (plan: Plan, operationName: string | null, reason: string) => {
    plan.fallback = true;
    plan.compiled = undefined;
    stats.fallbacks++;
    options.onFallback?.(operationName, reason);
  };

  const compile = (plan: Plan, document: DocumentNode, operationName: string | null) => {
    try {
      const compiled = (options.compile ?? compileQuery)(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
      if (isCompiledQuery(compiled)) plan.compiled = compiled;
      else fallBack(plan, operationName, (compiled.errors ?? []).map((e) => e.message).join(' ') || 'not compiled');
    } catch (error) {
      fallBack(plan, operationName, error instanceof Error ? error.message : String(error));
    }
  };

  const interpret = (document: DocumentNode, operationName: string | null, contextValue: unknown, variableValues: Record<string, unknown> | undefined) => {
    stats.interpreted++;
    return execute({ schema, document, operationName, contextValue, variableValues }) as Promise<ExecutionResult> | ExecutionResult;
  };

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, operationName, context, operation } = requestContext;
    const variables = requestContext.request.variables;
    // Queries only: mutations are rare, and their serial execution stays graphql-js's.
    if (operation.operation !== OperationTypeNode.QUERY) return interpret(document, operationName, context, variables);
    const plan = planOf(document, operationName);
    if (!plan.compiled && !plan.fallback && plan.runs >= compileAfter) compile(plan, document, operationName);
    plan.runs++;
    if (!plan.compiled) return interpret(document, operationName, context, variables);
    let result: ExecutionResult;
    try {
      result = await plan.compiled.query(undefined, context, variables ?? {});
    } catch (error) {
      // A compiled run that throws (instead of answering with errors) is a compiler fault, not the request's: graphql-js answers it.
      fallBack(plan, operationName, error instanceof Error ? error.message : String(error));
      return interpret(document, operationName, context, variables);
    }
    // No data at all: the request failed before execution (variables that do not coerce), so nothing ran.
    // graphql-js answers it again, with the scalars' own messages (graphql-jit's say only "Expected type Date").
    if (result.data === undefined && result.errors?.length) return interpret(document, operationName, context, variables);
    stats.compiled++;
    return withStandardErrors(result);
  };

  const listeners: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0][] = [];
  const gateway: GatewayInterface = {
    onSchemaLoadOrUpdate(callback) {
      listeners.push(callback);
      return () => {
        listeners.splice(listeners.indexOf(callback), 1);
      };
    },
    async load() {
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor };
    },
    async stop() {},
  };
  return { gateway, stats };
}

/**
 * graphql-jit builds the errors it raises itself (a null for a non-null field, a variable that does not coerce)
 * without `extensions`, which Apollo's error formatting reads: they become graphql-js GraphQLErrors with the
 * same message, locations, path and original error. Errors raised by resolvers keep their extensions as they are.
 */
function withStandardErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some((e) => !e.extensions)) return result;
  return {
    ...result,
    errors: result.errors.map((e) => {
      if (e.extensions) return e;
      const error = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? e });
      Object.defineProperty(error, 'locations', { value: e.locations, enumerable: true, writable: true, configurable: true });
      return error;
    }),
  };
}
