import { describe, expect, it } from 'vitest';
import { itemSize, numberSize, writeUnits } from '../../scripts/contention/item-size.js';
import type { KeySchemas } from '../../scripts/contention/key-schema.js';
import { type Admission, ContentionModel } from '../../scripts/contention/model.js';
import type { ContentionOptions } from '../../scripts/contention/options.js';
import { ThroughputWindows } from '../../scripts/contention/throughput.js';
import { touchesOf } from '../../scripts/contention/touches.js';
import type { ModelledOperation, WireItem } from '../../scripts/contention/wire.js';

/**
 * The contention model's decisions on a clock of the test's own (the proxy and DynamoDB Local are
 * tested in test/integration/contention-proxy.test.ts): billing sizes, the one-second window,
 * which request meets which in flight.
 */

const schemas: KeySchemas = { of: async () => ({ hash: 'pk', range: 'sk' }), close: () => {} };
const key = (pk: string, sk = 'x'): WireItem => ({ pk: { S: pk }, sk: { S: sk } });
/** An item of `bytes` bytes exactly: pk, sk and a string padding. */
const itemOf = (pk: string, bytes: number, sk = 'x'): WireItem => {
  const bare = itemSize({ ...key(pk, sk), d: { S: '' } });
  return { ...key(pk, sk), d: { S: 'a'.repeat(bytes - bare) } };
};

const updateOf = (pk: string, sk = 'x') => ({
  Update: {
    TableName: 'tbl',
    Key: key(pk, sk),
    UpdateExpression: 'ADD n :one',
    ExpressionAttributeValues: { ':one': { N: '1' } },
  },
});
const checkOf = (pk: string) => ({ ConditionCheck: { TableName: 'tbl', Key: key(pk) } });
const putOf = (item: WireItem) => ({ Put: { TableName: 'tbl', Item: item } });

const world = (options: Partial<ContentionOptions> = {}) => {
  let now = 1_000_000;
  const model = new ContentionModel({ holdMs: 10, ...options }, () => now);
  const admit = async (operation: ModelledOperation, input: unknown): Promise<Admission> => {
    const touches = await touchesOf(operation, input, schemas);
    if (!touches) throw new Error('not modelled');
    return model.admit(operation, touches);
  };
  const tx = (...items: unknown[]) => admit('TransactWriteItems', { TransactItems: items });
  return {
    model,
    admit,
    tx,
    advance: (ms: number) => {
      now += ms;
    },
  };
};

const reasonsOf = (a: Admission): string[] => {
  if (a.kind !== 'refused') throw new Error('admitted');
  const body = JSON.parse(a.answer.body) as { CancellationReasons: Array<{ Code: string }> };
  return body.CancellationReasons.map((r) => r.Code);
};
const typeOf = (a: Admission): string =>
  a.kind === 'refused' ? (JSON.parse(a.answer.body) as { __type: string }).__type.split('#')[1]! : 'admitted';

describe('item sizes and write units by the billing rules', () => {
  it('counts names and values as DynamoDB documents them', () => {
    expect(itemSize({ ab: { S: 'cd' } })).toBe(4);
    expect(itemSize({ ab: { S: 'é' } })).toBe(4);
    expect(numberSize('123.450')).toBe(4); // 5 significant digits
    expect(numberSize('-0.001')).toBe(2);
    expect(numberSize('0')).toBe(2);
    expect(itemSize({ b: { B: Buffer.from('xyz').toString('base64') } })).toBe(4);
    expect(itemSize({ t: { BOOL: true }, n: { NULL: true } })).toBe(4);
    // A map: 3 bytes, then per element 1 byte, its name and its value.
    expect(itemSize({ m: { M: { a: { S: 'x' } } } })).toBe(1 + 3 + 1 + 1 + 1);
    expect(itemSize({ l: { L: [{ S: 'x' }, { N: '1' }] } })).toBe(1 + 3 + (1 + 1) + (1 + 2));
    expect(itemSize({ s: { SS: ['ab', 'c'] } })).toBe(4);
  });

  it('charges one unit per started KB, at least one, and two for a transactional write', () => {
    expect(writeUnits(1, false)).toBe(1);
    expect(writeUnits(1024, false)).toBe(1);
    expect(writeUnits(1025, false)).toBe(2);
    expect(writeUnits(1025, true)).toBe(4);
    expect(itemSize(itemOf('p', 3000))).toBe(3000);
  });
});

describe('the one-second throughput window', () => {
  it('admits up to the limit, not past it, and frees what is a second old', () => {
    const w = new ThroughputWindows(1000);
    expect(w.consume('k', 600, 0)).toBe(600);
    expect(w.fits('k', 400, 500)).toBe(true);
    expect(w.fits('k', 401, 500)).toBe(false);
    expect(w.fits('other', 1000, 500)).toBe(true);
    w.consume('k', 400, 500);
    expect(w.fits('k', 1, 999)).toBe(false);
    expect(w.used('k', 1000)).toBe(400);
    expect(w.fits('k', 600, 1000)).toBe(true);
    expect(w.used('k', 1500)).toBe(0);
  });
});

describe('the contention model', () => {
  it('cancels a transaction touching an item another one holds, naming that item only', async () => {
    const w = world();
    const first = await w.tx(updateOf('a'));
    expect(first.kind).toBe('admitted');
    w.advance(5);
    const second = await w.tx(putOf(itemOf('b', 100)), updateOf('a'));
    expect(typeOf(second)).toBe('TransactionCanceledException');
    expect(reasonsOf(second)).toEqual(['None', 'TransactionConflict']);
    // A single write meets the transaction too.
    expect(typeOf(await w.admit('PutItem', { TableName: 'tbl', Item: itemOf('a', 50) }))).toBe(
      'TransactionConflictException',
    );
    expect(w.model.counters()).toMatchObject({ transactionConflicts: 1, writeConflicts: 1 });
    expect(w.model.counters().items.find((i) => i.label === 'tbl a x')).toMatchObject({ conflicts: 2 });
  });

  it('lets the item go when the hold ends (window `hold`), or only once answered (window `answer`)', async () => {
    const hold = world({ window: 'hold' });
    const h = await hold.tx(updateOf('a'));
    hold.advance(10);
    expect((await hold.tx(updateOf('a'))).kind).toBe('admitted');
    expect(h.kind === 'admitted' && h.holdUntil).toBe(1_000_010);

    const answer = world({ window: 'answer' });
    const a = await answer.tx(updateOf('a'));
    answer.advance(50);
    expect(reasonsOf(await answer.tx(updateOf('a')))).toEqual(['TransactionConflict']);
    if (a.kind === 'admitted') a.settle(true);
    expect((await answer.tx(updateOf('a'))).kind).toBe('admitted');
  });

  it('conflicts on condition checks as on writes', async () => {
    const w = world();
    await w.tx(checkOf('org'), putOf(itemOf('b1', 100)));
    expect(reasonsOf(await w.tx(checkOf('org'), putOf(itemOf('b2', 100))))).toEqual([
      'TransactionConflict',
      'None',
    ]);
  });

  it('cancels a transactional read of an item any write has in flight, but no write for a read', async () => {
    const w = world();
    const put = await w.admit('PutItem', { TableName: 'tbl', Item: itemOf('a', 100) });
    const get = { TransactItems: [{ Get: { TableName: 'tbl', Key: key('a') } }] };
    expect(reasonsOf(await w.admit('TransactGetItems', get))).toEqual(['TransactionConflict']);
    if (put.kind === 'admitted') put.settle(true);
    expect((await w.admit('TransactGetItems', get)).kind).toBe('admitted');
    expect(w.model.counters().transactGetConflicts).toBe(1);
  });

  it('throttles an item past its write units in a second, counting transactional writes double', async () => {
    const w = world();
    const put = (pk: string) => w.admit('PutItem', { TableName: 'tbl', Item: itemOf(pk, 100 * 1024) });
    for (let i = 0; i < 10; i++) expect((await put('hot')).kind).toBe('admitted'); // 10 x 100 WCU
    expect(typeOf(await put('hot'))).toBe('ThrottlingException');
    expect((await put('cold')).kind).toBe('admitted');
    w.advance(1000);
    // 200 KB in a transaction: 400 units; twice fits, a third does not.
    const big = putOf(itemOf('hot', 200 * 1024));
    expect((await w.tx(big)).kind).toBe('admitted');
    w.advance(10);
    expect((await w.tx(big)).kind).toBe('admitted');
    w.advance(10);
    expect(reasonsOf(await w.tx(big))).toEqual(['ThrottlingError']);
    const counters = w.model.counters();
    expect(counters).toMatchObject({ writeThrottles: 1, transactionThrottles: 1 });
    expect(counters.items[0]).toMatchObject({
      label: 'tbl hot x',
      writeUnits: 1800,
      peakUnitsPerSecond: 1000,
      throttles: 2,
    });
  });

  it('bills an update and a condition check by the size last written, and answers as provisioned tables do', async () => {
    const w = world({ capacityMode: 'provisioned' });
    await w.admit('PutItem', { TableName: 'tbl', Item: itemOf('c', 3000) }).then((a) => {
      if (a.kind === 'admitted') a.settle(true);
    });
    const before = w.model.counters().writeUnits;
    const update = await w.tx(updateOf('c'));
    if (update.kind === 'admitted') update.settle(true);
    w.advance(10);
    await w.tx(checkOf('c'));
    // 3,000 bytes: 3 units, 6 in a transaction; for the update and for the check.
    expect(w.model.counters().writeUnits - before).toBe(12);
    w.advance(10);
    const many = { TableName: 'tbl', Item: itemOf('c', 300 * 1024) };
    for (let i = 0; i < 3; i++) await w.admit('PutItem', many);
    expect(typeOf(await w.admit('PutItem', many))).toBe('ProvisionedThroughputExceededException');
  });

  it('with scope `partition`, counts every item of a partition key in one window', async () => {
    const w = world({ scope: 'partition' });
    const put = (sk: string) => w.admit('PutItem', { TableName: 'tbl', Item: itemOf('p', 400 * 1024, sk) });
    expect((await put('1')).kind).toBe('admitted');
    expect((await put('2')).kind).toBe('admitted');
    expect(typeOf(await put('3'))).toBe('ThrottlingException');
    expect((await w.admit('PutItem', { TableName: 'tbl', Item: itemOf('q', 400 * 1024) })).kind).toBe(
      'admitted',
    );
  });
});
