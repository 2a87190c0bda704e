/** A size-bounded memo: the oldest entry goes when full (Map keeps insertion order). */
export function boundedCache<V>(size: number, compute: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
      cache.set(key, value);
    }
    return value;
  };
}
