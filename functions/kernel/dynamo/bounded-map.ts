/** Bounded, so a long-lived container does not grow without limit; losing an entry costs one read. */
const maxEntries = 10_000;

/** A per-container memory of reads (cleared whole when full). */
export const boundedMap = <V>() => {
  const map = new Map<string, V>();
  return {
    get: (key: string) => map.get(key),
    set: (key: string, value: V) => {
      if (map.size >= maxEntries && !map.has(key)) map.clear();
      map.set(key, value);
    },
    delete: (key: string) => map.delete(key),
  };
};
