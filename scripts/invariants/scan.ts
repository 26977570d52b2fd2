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

export const scanTable = async ({ tableName, endpoint }: TableLocation): Promise<RawItem[]> => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
  );
  try {
    const items: RawItem[] = [];
    for await (const page of paginateScan({ client }, { TableName: tableName, ConsistentRead: true })) {
      items.push(...(page.Items ?? []));
    }
    return items;
  } finally {
    client.destroy();
  }
};
