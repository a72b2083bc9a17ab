/** Relay-style cursor pagination: opaque cursors over a stable sort key, `first` bounded. */
import { badInput } from './errors.js';

export const MAX_PAGE_SIZE = 100;

export function validateFirst(first: number | null | undefined, fallback = 20): number {
  const value = first ?? fallback;
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 0 and ${MAX_PAGE_SIZE}, got ${value}.`, 'first');
  }
  return value;
}

export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, length: number): string[] | null {
  if (cursor == null) return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === length && parts.every((p) => typeof p === 'string')) return parts;
  } catch {
    // fall through
  }
  throw badInput('after is not a cursor returned by this field.', 'after');
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** Builds a page from `first + 1` rows fetched after the cursor. */
export function toPage<T>(rows: T[], first: number, totalCount: number, cursorOf: (row: T) => string[]): Page<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
