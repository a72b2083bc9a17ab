/**
 * The shared vocabulary of the data-exchange mutations: expected failures as result types
 * (ValidationError, NotFoundError, ConflictError, all implementing MutationError) and the collection
 * of every problem with an input. Pure shapes: the write-access rule, which throws a GraphQLError,
 * is in src/platform/access.ts.
 */

export type MutationErrorCode =
  'VALIDATION_FAILED' | 'RETROACTIVE_WINDOW_EXCEEDED' | 'NOT_FOUND' | 'VERSION_CONFLICT' | 'INVALID_TRANSITION' | 'ALREADY_EXISTS' | 'IDEMPOTENCY_KEY_REUSED';

export interface InputProblem {
  field: string;
  message: string;
}

export interface ValidationErrorResult {
  __typename: 'ValidationError';
  message: string;
  /** RETROACTIVE_WINDOW_EXCEEDED when the only problems are dates further back than the retroactive window. */
  code: 'VALIDATION_FAILED' | 'RETROACTIVE_WINDOW_EXCEEDED';
  problems: InputProblem[];
}
export interface NotFoundErrorResult {
  __typename: 'NotFoundError';
  message: string;
  code: 'NOT_FOUND';
  entity: string;
  key: string;
}
export interface ConflictErrorResult {
  __typename: 'ConflictError';
  message: string;
  code: 'VERSION_CONFLICT' | 'INVALID_TRANSITION' | 'ALREADY_EXISTS' | 'IDEMPOTENCY_KEY_REUSED';
  currentVersion: number | null;
}
export type MutationErrorResult = ValidationErrorResult | NotFoundErrorResult | ConflictErrorResult;

export function validationError(problems: InputProblem[]): ValidationErrorResult {
  const summary = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  return {
    __typename: 'ValidationError',
    code: 'VALIDATION_FAILED',
    message: `The input is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${summary}`,
    problems,
  };
}

/** Dates further back than the retroactive window allows (the problems name the fields). */
export function retroactiveWindowExceeded(problems: InputProblem[]): ValidationErrorResult {
  return { ...validationError(problems), code: 'RETROACTIVE_WINDOW_EXCEEDED' };
}

export function notFoundError(entity: string, key: string): NotFoundErrorResult {
  return { __typename: 'NotFoundError', code: 'NOT_FOUND', message: `${entity} ${JSON.stringify(key)} was not found.`, entity, key };
}

export function conflictError(code: ConflictErrorResult['code'], message: string, currentVersion: number | null = null): ConflictErrorResult {
  return { __typename: 'ConflictError', code, message, currentVersion };
}

export function versionConflict(entity: string, key: string, expected: number, current: number | null): ConflictErrorResult {
  return conflictError(
    'VERSION_CONFLICT',
    `${entity} ${JSON.stringify(key)} is at version ${current ?? '?'}, not ${expected}: it was changed by someone else. Read it again and retry.`,
    current,
  );
}

export function keyReused(): ConflictErrorResult {
  return conflictError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with another operation or input; use a new key for a new change.');
}

/** Collects every problem with an input, not only the first. */
export class Problems {
  readonly list: InputProblem[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  /** A required, non-blank text of at most `max` characters. */
  text(field: string, value: string | null | undefined, max = 500): void {
    if (value == null || value.trim() === '') this.add(field, 'must not be blank.');
    else if (value.length > max) this.add(field, `must be at most ${max} characters.`);
  }
}
