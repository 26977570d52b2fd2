import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** An item as the document client returns it: ElectroDB entities parse it further. */
export type RawItem = Record<string, unknown>;

/** The table key of an ElectroDB `get(...).params()`. */
export const keyOf = (params: { Key?: RawItem }): RawItem => {
  if (!params.Key) throw new Error('get params without a key');
  return params.Key;
};

/**
 * An ElectroDB entity whose items are `T`, as far as parsing a raw item goes. `parse` is
 * overloaded (one item or a list), so `T` is named by the caller (`EntityItem<typeof entity>`)
 * and checked against the entity, not inferred.
 */
export interface ParsingEntity<T> {
  parse(r: { Item: RawItem }): { data: T | null } | null;
}

/**
 * The item of one entity among a batch's answers (ElectroDB's entity attribute tells them apart),
 * parsed by that entity.
 */
export const parsedItemOf = <T>(items: RawItem[], entity: ParsingEntity<T>, name: string): T | undefined => {
  const raw = items.find((i) => i.__edb_e__ === name);
  return (raw && entity.parse({ Item: raw })?.data) ?? undefined;
};

/**
 * Items of several entities in one BatchGetItem. Unprocessed keys come back only under
 * throttling; asking again for them is the documented way.
 */
export const batchGet = async (
  client: DynamoDBDocumentClient,
  table: string,
  keys: RawItem[],
  options: { consistent: boolean },
): Promise<RawItem[]> => {
  const found: RawItem[] = [];
  let pending: RawItem[] = keys;
  for (let round = 0; pending.length > 0 && round < 5; round++) {
    const out = await client.send(
      new BatchGetCommand({
        RequestItems: { [table]: { Keys: pending, ConsistentRead: options.consistent } },
      }),
    );
    found.push(...(out.Responses?.[table] ?? []));
    pending = out.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  if (pending.length > 0) throw new Error('batch read left keys unprocessed');
  return found;
};
