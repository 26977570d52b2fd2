import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../../functions/kernel/dynamo/table-definition.js';
import { transactionalWriteUnits } from '../handler-load/write-units.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/aws-local.js';
import type { RoledItem } from './item-roles.js';

/**
 * What one transactional update of each counter item costs by DynamoDB's billing rules, from the
 * item as it is after the run (a counter keeps its size: its numbers change, not its attributes).
 * Read past the contention model, straight from DynamoDB Local.
 */
export const priceCounterWrites = async (
  localEndpoint: string,
  items: readonly RoledItem[],
): Promise<Map<string, number>> => {
  const client = new DynamoDBClient({
    endpoint: localEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const prices = new Map<string, number>();
    for (const item of items.filter((i) => i.role === 'counter')) {
      const { Item } = await client.send(
        new GetItemCommand({
          TableName: item.key.table,
          Key: {
            [tableDefinition.partitionKey]: { S: item.key.pk },
            ...(item.key.sk === null ? {} : { [tableDefinition.sortKey]: { S: item.key.sk } }),
          },
          ConsistentRead: true,
        }),
      );
      prices.set(item.label, transactionalWriteUnits('Update', Item ?? null, Item ?? null));
    }
    return prices;
  } finally {
    client.destroy();
  }
};
