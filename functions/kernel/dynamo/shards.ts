/**
 * The earliest `limit` items due at or before `now` across the shards of a sparse due index: each
 * shard's earliest `limit`, merged (the overall earliest `limit` are among them). A shard's read
 * asks for sort keys up to `${now}~`: `~` sorts after `#`, so items due exactly at `now` come too.
 */
export const earliestDue = async <T>(
  shards: readonly string[],
  readShard: (shard: string, upTo: string) => Promise<T[]>,
  dueOf: (item: T) => string,
  now: string,
  limit: number,
): Promise<T[]> => {
  const pages = await Promise.all(shards.map((shard) => readShard(shard, `${now}~`)));
  return pages
    .flat()
    .filter((item) => dueOf(item) <= now)
    .sort((a, b) => dueOf(a).localeCompare(dueOf(b)))
    .slice(0, limit);
};
