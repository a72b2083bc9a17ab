/**
 * Values derived from an object that does not change (a registry snapshot's rows and lists, a process-wide list):
 * computed once per source object, forgotten with it. A source read fresh from the database is a new object, so
 * it is derived again: the cache never serves a value for data it was not computed from.
 */
export function derivedFrom<Source extends object, Value>(cache: WeakMap<Source, Value>, source: Source, derive: (source: Source) => Value): Value {
  let value = cache.get(source);
  if (value === undefined) {
    value = derive(source);
    cache.set(source, value);
  }
  return value;
}
