/**
 * Values derived from an object that does not change (a registry snapshot's rows and lists, a process-wide list):
 * computed once per source object, forgotten with it. A source read fresh from the database is a new object, so
 * it is derived again: the cache never serves a value for data it was not computed from. The value is frozen (deeply),
 * since every request shares it: a caller changing it would fail loudly instead of changing the next answer.
 */
export function derivedFrom<Source extends object, Value>(cache: WeakMap<Source, Value>, source: Source, derive: (source: Source) => Value): Value {
  let value = cache.get(source);
  if (value === undefined) {
    value = deepFreeze(derive(source));
    cache.set(source, value);
  }
  return value;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
