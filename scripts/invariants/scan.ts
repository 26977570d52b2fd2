import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/aws-local.js';
import type { RawItem } from './snapshot.js';

/**
 * Reads every item of the table. A Scan is right here and nowhere else: the checker is an offline
 * audit of the whole table, not a request path. Consistent reads, so a check run right after the
 * last write sees it.
 */

export interface TableLocation {
  tableName: string;
  endpoint: string;
}

/** Runs `work` with a client of the table's endpoint, destroyed afterwards. */
export const withTableClient = async <T>(
  { endpoint }: TableLocation,
  work: (client: DynamoDBDocumentClient) => Promise<T>,
): Promise<T> => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
  );
  try {
    return await work(client);
  } finally {
    client.destroy();
  }
};

/**
 * `entities`: only items of these ElectroDB entities (the rest are filtered out by DynamoDB,
 * which still reads them but sends less back: re-reads of a busy table get much quicker).
 */
export const scanTable = (location: TableLocation, entities?: readonly string[]): Promise<RawItem[]> =>
  withTableClient(location, async (client) => {
    const items: RawItem[] = [];
    const filter = entities?.length
      ? {
          FilterExpression: `#e IN (${entities.map((_, i) => `:e${i}`).join(', ')})`,
          ExpressionAttributeNames: { '#e': '__edb_e__' },
          ExpressionAttributeValues: Object.fromEntries(entities.map((e, i) => [`:e${i}`, e])),
        }
      : {};
    for await (const page of paginateScan(
      { client },
      { TableName: location.tableName, ConsistentRead: true, ...filter },
    )) {
      items.push(...(page.Items ?? []));
    }
    return items;
  });
