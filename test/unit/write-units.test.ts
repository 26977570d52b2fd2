import { describe, expect, it } from 'vitest';
import {
  type Item,
  itemSize,
  kilobytesStarted,
  numberSize,
  valueSize,
} from '../../scripts/handler-load/item-size.js';
import type { WriteRequest } from '../../scripts/handler-load/write-requests.js';
import {
  indexWriteUnits,
  requestActions,
  sizeAction,
  standardWriteUnits,
  transactionAction,
  transactionalWriteUnits,
  writesCost,
} from '../../scripts/handler-load/write-units.js';

/**
 * The write-unit arithmetic of `npm run bench:handler` against examples worked from DynamoDB's
 * documentation: item sizes (CapacityUnitCalculations), standard writes and which size a write
 * counts (ProvisionedThroughput, and WorkingWithItems for a failed condition), transactional writes
 * (transaction-apis, "Capacity management for transactions") and index writes (GSI, "Write capacity
 * units").
 */

/** An item of exactly `bytes` bytes: a 2-byte key `pk` = "k" (3 bytes) and a padding string `p`. */
const itemOf = (bytes: number, extra: Item = {}): Item => {
  const base: Item = { pk: { S: 'k' }, sk: { S: 's' }, ...extra, p: { S: '' } };
  return { ...base, p: { S: 'x'.repeat(bytes - itemSize(base)) } };
};

describe('item size (attribute names plus values)', () => {
  it('counts a string as its UTF-8 bytes, name included', () => {
    expect(itemSize({ pk: { S: 'abc' } })).toBe(2 + 3);
    // é is 2 bytes in UTF-8, € 3, 😀 4.
    expect(valueSize({ S: 'é€😀' })).toBe(9);
  });

  it('counts a number as 1 byte per two significant digits plus 1, zeroes trimmed', () => {
    expect(numberSize('12345')).toBe(3 + 1);
    expect(numberSize('1000')).toBe(1 + 1);
    expect(numberSize('-0.0012')).toBe(1 + 1);
    expect(numberSize('123.45')).toBe(3 + 1);
    expect(itemSize({ seats: { N: '2' } })).toBe(5 + 2);
  });

  it('counts a binary value by its raw bytes, null and Boolean as 1 byte', () => {
    expect(valueSize({ B: new Uint8Array(10) })).toBe(10);
    expect(valueSize({ NULL: true })).toBe(1);
    expect(valueSize({ BOOL: false })).toBe(1);
  });

  it('gives a List or Map 3 bytes of overhead and each element 1 more', () => {
    expect(itemSize({ seatLabels: { L: [] } })).toBe(10 + 3);
    // 3 + ("ab": 1 + 2) + (7: 1 + 2)
    expect(valueSize({ L: [{ S: 'ab' }, { N: '7' }] })).toBe(9);
    // 3 + (1 + name "k" 1 + value "v" 1)
    expect(valueSize({ M: { k: { S: 'v' } } })).toBe(6);
    expect(valueSize({ M: { a: { M: {} } } })).toBe(3 + 1 + 1 + 3);
  });

  it('bills a write per started kilobyte', () => {
    expect(kilobytesStarted(0)).toBe(1);
    expect(kilobytesStarted(500)).toBe(1);
    expect(kilobytesStarted(1024)).toBe(1);
    expect(kilobytesStarted(1025)).toBe(2);
    expect(itemSize(itemOf(1025))).toBe(1025);
  });
});

describe('transactional write units', () => {
  it('charges three 500-byte items written in one transaction 6 units (the documented example)', () => {
    const entries = [1, 2, 3].map((i) => ({
      Put: { TableName: 't', Item: itemOf(500, { n: { N: String(i) } }) },
    }));
    const cost = writesCost(entries.map((e) => sizeAction(transactionAction(e), null, e.Put.Item, 'item')));
    expect(cost.writeUnits).toBe(6);
  });

  it('charges a 2 KB item 4 units and rounds 1.6 KB up to 2 KB', () => {
    expect(transactionalWriteUnits('Put', null, itemOf(2048))).toBe(4);
    expect(transactionalWriteUnits('Put', null, itemOf(1638))).toBe(4);
  });

  it('counts the larger of the item before and after for puts and updates', () => {
    expect(transactionalWriteUnits('Update', itemOf(1500), itemOf(900))).toBe(4);
    expect(transactionalWriteUnits('Put', itemOf(300), itemOf(1100))).toBe(4);
  });

  it('charges a condition check as a write of the item checked, and a delete the item deleted', () => {
    expect(transactionalWriteUnits('ConditionCheck', itemOf(500), itemOf(500))).toBe(2);
    expect(transactionalWriteUnits('ConditionCheck', itemOf(3000), itemOf(3000))).toBe(6);
    expect(transactionalWriteUnits('ConditionCheck', null, null)).toBe(2);
    expect(transactionalWriteUnits('Delete', itemOf(2100), null)).toBe(6);
  });

  it("takes a put's key from its item and the other actions' from their Key", () => {
    const item = itemOf(100);
    expect(transactionAction({ Put: { TableName: 't', Item: item } }).key).toEqual({
      pk: item.pk,
      sk: item.sk,
    });
    const key = { pk: { S: 'a' }, sk: { S: 'b' } };
    expect(
      transactionAction({ ConditionCheck: { TableName: 't', Key: key, ConditionExpression: 'x' } }),
    ).toEqual({
      kind: 'ConditionCheck',
      write: 'transactional',
      tableName: 't',
      key,
    });
  });

  it('labels an item by its ElectroDB entity', () => {
    const item = itemOf(200, { __edb_e__: { S: 'booking' } });
    const action = transactionAction({ Put: { TableName: 't', Item: item } });
    expect(sizeAction(action, null, item, 'fallback')).toMatchObject({ label: 'booking', writeUnits: 2 });
    expect(sizeAction(action, null, itemOf(200), 'fallback').label).toBe('fallback');
  });
});

describe('standard write units (single writes)', () => {
  it('charges 1 unit per started KB of the larger of the item before and after', () => {
    expect(standardWriteUnits('Put', null, itemOf(500))).toBe(1);
    expect(standardWriteUnits('Put', null, itemOf(1500))).toBe(2);
    expect(standardWriteUnits('Update', itemOf(2100), itemOf(900))).toBe(3);
    expect(standardWriteUnits('Delete', itemOf(1100), null)).toBe(2);
  });

  it('charges a write its condition refused by the item as it is, one KB when there is none', () => {
    // The item is left as it was: before and after are the same.
    expect(standardWriteUnits('Put', null, null)).toBe(1);
    expect(standardWriteUnits('Update', itemOf(1200), itemOf(1200))).toBe(2);
  });

  it('has no single condition check', () => {
    expect(() => standardWriteUnits('ConditionCheck', null, null)).toThrow(/transaction/);
  });
});

describe('the items of a write request', () => {
  const key = { pk: { S: 'o#session#s#counter' }, sk: { S: 'counter' } };
  const claim = itemOf(150, { __edb_e__: { S: 'sessionClaim' } });

  it('takes one item from a single write and each item of a transaction', () => {
    const requests: WriteRequest[] = [
      { command: 'PutItem', input: { TableName: 't', Item: claim } },
      { command: 'UpdateItem', input: { TableName: 't', Key: key, UpdateExpression: 'ADD v :one' } },
      { command: 'DeleteItem', input: { TableName: 't', Key: key } },
      {
        command: 'TransactWriteItems',
        input: {
          TransactItems: [
            { Delete: { TableName: 't', Key: key } },
            { Put: { TableName: 't', Item: itemOf(100) } },
          ],
        },
      },
    ];
    expect(requests.map((r) => requestActions(r).map((a) => `${a.write} ${a.kind}`))).toEqual([
      ['single Put'],
      ['single Update'],
      ['single Delete'],
      ['transactional Delete', 'transactional Put'],
    ]);
    expect(requestActions(requests[0]!)[0]?.key).toEqual({ pk: claim.pk, sk: claim.sk });
  });

  it('prices a single write as standard and names what it does in a booking', () => {
    const [put] = requestActions({ command: 'PutItem', input: { TableName: 't', Item: claim } });
    expect(sizeAction(put!, null, claim, 'Put', { request: 0, refused: false })).toMatchObject({
      write: 'single',
      label: 'claim',
      writeUnits: 1,
      request: 0,
      refused: false,
    });
    const counter = itemOf(300, { __edb_e__: { S: 'sessionCounterShard' } });
    const [take] = requestActions({ command: 'UpdateItem', input: { TableName: 't', Key: key } });
    expect(sizeAction(take!, counter, counter, 'Update', { request: 1, refused: true })).toMatchObject({
      label: 'counter take',
      writeUnits: 1,
      refused: true,
    });
    // The same entity in a transaction keeps its entity's name and costs 2 per KB.
    const inTx = transactionAction({ Delete: { TableName: 't', Key: key } });
    expect(sizeAction(inTx, claim, null, 'Delete')).toMatchObject({ label: 'sessionClaim', writeUnits: 2 });
  });

  it('sums single and transactional units over a booking', () => {
    const [put] = requestActions({ command: 'PutItem', input: { TableName: 't', Item: claim } });
    const booking = transactionAction({ Put: { TableName: 't', Item: itemOf(800) } });
    const cost = writesCost([
      sizeAction(put!, null, claim, 'Put'),
      sizeAction(booking, null, itemOf(800), 'Put', { request: 1, refused: false }),
    ]);
    expect(cost.writeUnits).toBe(1 + 2);
  });
});

describe('index write units (standard writes, per index entry)', () => {
  const inGsi2 = (sk: string, bytes = 300): Item =>
    itemOf(bytes, { gsi2pk: { S: 'org#h' }, gsi2sk: { S: sk } });

  it('puts a new item into each index whose key it has', () => {
    const both = itemOf(300, {
      gsi1pk: { S: 'user#u' },
      gsi1sk: { S: 'a' },
      gsi2pk: { S: 'org#h' },
      gsi2sk: { S: 'a' },
    });
    expect(indexWriteUnits('Put', null, both)).toBe(2);
    expect(indexWriteUnits('Put', null, itemOf(300))).toBe(0);
    expect(indexWriteUnits('Put', null, inGsi2('a', 1500))).toBe(2);
  });

  it('takes two writes when the index key changes, one when only other attributes do, none otherwise', () => {
    expect(indexWriteUnits('Put', inGsi2('a'), inGsi2('b'))).toBe(2);
    const changed = { ...inGsi2('a'), status: { S: 'cancelled' } };
    expect(indexWriteUnits('Put', inGsi2('a'), changed)).toBe(1);
    expect(indexWriteUnits('Update', inGsi2('a'), inGsi2('a'))).toBe(0);
    expect(indexWriteUnits('Delete', inGsi2('a'), null)).toBe(1);
    expect(indexWriteUnits('ConditionCheck', inGsi2('a'), inGsi2('a'))).toBe(0);
  });
});
