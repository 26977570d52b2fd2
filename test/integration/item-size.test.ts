import { type AttributeValue, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { itemSize } from '../../scripts/handler-load/item-size.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/aws-local.js';
import { testServers } from '../support/env.js';

/**
 * The item-size arithmetic of `npm run bench:handler` against DynamoDB Local's own: a single
 * PutItem reports the write units it consumed (one per started KB), so an item our arithmetic
 * sizes at exactly 1,024 bytes must cost 1 and one at 1,025 bytes 2, whatever its attribute types.
 * (DynamoDB Local does not price transactions: it reports 2 units for a transaction of three
 * items, so those are priced by the documented rules in write-units.ts, unit-tested apart.)
 */

const { dynamoEndpoint, tableName } = testServers();
const client = new DynamoDBClient({
  endpoint: dynamoEndpoint,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});
afterAll(() => client.destroy());

const shapes: Record<string, Record<string, AttributeValue>> = {
  strings: { name: { S: 'é€😀 booking' } },
  numbers: { seats: { N: '12345' }, round: { N: '1000000' }, zero: { N: '0' }, small: { N: '-0.00123' } },
  long: { n: { N: '123456789012345678901234567890123456' } },
  lists: { labels: { L: [{ S: 'A1' }, { N: '7' }, { NULL: true }] }, none: { L: [] } },
  maps: { details: { M: { k: { S: 'v' }, list: { L: [] }, on: { BOOL: true }, empty: { M: {} } } } },
  binary: { raw: { B: new Uint8Array([0, 1, 2, 250, 251]) } },
};

const consumed = async (key: string, attributes: Record<string, AttributeValue>, bytes: number) => {
  const base = { pk: { S: `item-size#${key}` }, sk: { S: String(bytes) }, ...attributes, pad: { S: '' } };
  const item = { ...base, pad: { S: 'x'.repeat(bytes - itemSize(base)) } };
  expect(itemSize(item)).toBe(bytes);
  const out = await client.send(
    new PutItemCommand({ TableName: tableName, Item: item, ReturnConsumedCapacity: 'TOTAL' }),
  );
  return out.ConsumedCapacity?.CapacityUnits;
};

describe('item size against DynamoDB Local', () => {
  for (const [name, attributes] of Object.entries(shapes)) {
    it(`sizes ${name} as DynamoDB does, at the 1 KB boundary`, async () => {
      expect(await consumed(name, attributes, 1024)).toBe(1);
      expect(await consumed(name, attributes, 1025)).toBe(2);
    });
  }
});
