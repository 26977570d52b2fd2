import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importRatioOf } from '../../scripts/bundle-floor/figures.js';
import { type CpuProfile, moduleOf, summarizeProfile } from '../../scripts/handler-load/cpu-profile.js';
import { replayTemplate, sameShapeId } from '../../scripts/handler-load/replay.js';
import { pickWrites, type WriteRequest } from '../../scripts/handler-load/write-requests.js';

/**
 * The pure parts of `npm run bench:handler` (CPU profile summaries, the replayed write requests) and of
 * `npm run bench:bundle` (import ratios).
 */

const root = resolve(import.meta.dirname, '../..');
const file = (path: string) => pathToFileURL(resolve(root, path)).href;

describe('moduleOf', () => {
  it('names npm packages, scoped or not, by their package', () => {
    expect(moduleOf(file('node_modules/@smithy/core/dist-es/index.js'), 'f')).toBe('@smithy/core');
    expect(moduleOf(file('node_modules/electrodb/src/entity.js'), 'f')).toBe('electrodb');
    expect(moduleOf(file('node_modules/a/node_modules/zod/index.js'), 'f')).toBe('zod');
  });

  it("names Node's built-ins, project folders and V8's pseudo-frames", () => {
    expect(moduleOf('node:internal/streams/writable', 'f')).toBe('node:internal/streams');
    expect(moduleOf('node:_http_client', 'f')).toBe('node:_http_client');
    expect(moduleOf(file('functions/modules/bookings/adapters/booking-create.ts'), 'f')).toBe(
      'functions/modules/bookings',
    );
    expect(moduleOf(file('functions/kernel/http/route-function.ts'), 'f')).toBe('functions/kernel/http');
    expect(moduleOf(file('functions/app/container.ts'), 'f')).toBe('functions/app');
    expect(moduleOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(moduleOf('', 'writev')).toBe('(native)');
  });
});

describe('summarizeProfile', () => {
  // root -> handler (project) -> get (electrodb) -> send (@smithy/core); idle beside.
  const profile: CpuProfile = {
    startTime: 0,
    endTime: 10_000,
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 5] },
      {
        id: 2,
        callFrame: { functionName: 'handler', url: file('functions/app/lambdas/catalog.ts'), lineNumber: 4 },
        children: [3],
      },
      {
        id: 3,
        callFrame: { functionName: 'go', url: file('node_modules/electrodb/src/entity.js'), lineNumber: 9 },
        children: [4],
      },
      {
        id: 4,
        callFrame: { functionName: 'send', url: file('node_modules/@smithy/core/x.js'), lineNumber: 0 },
      },
      { id: 5, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
    ],
    // Each sample stands for the time until the next one: handler 1 ms, go 2 ms, send 3 ms, idle 4 ms.
    samples: [2, 3, 3, 4, 4, 4, 5, 5, 5, 5],
    timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
  };

  it('divides self and inclusive time by the units of work, idle left out', () => {
    // The last sample has no successor: it counts for nothing.
    const s = summarizeProfile(profile, 2);
    expect(s.busyMs).toBe(3);
    expect(s.selfByModule).toEqual([
      { name: '@smithy/core', ms: 1.5, share: 0.5 },
      { name: 'electrodb', ms: 1, share: 0.333 },
      { name: 'functions/app', ms: 0.5, share: 0.167 },
    ]);
    expect(s.inclusiveByModule.find((e) => e.name === 'electrodb')).toEqual({
      name: 'electrodb',
      ms: 2.5,
      share: 0.833,
    });
    expect(s.inclusiveByModule.find((e) => e.name === 'functions/app')?.share).toBe(1);
    expect(s.topFunctions[0]?.name).toBe('send (@smithy/core x.js:1)');
  });

  it("keeps the requested number of self-time entries, and every module's inclusive time", () => {
    const s = summarizeProfile(profile, 1, 1);
    expect(s.selfByModule).toHaveLength(1);
    expect(s.topFunctions).toHaveLength(1);
    expect(s.inclusiveByModule).toHaveLength(3);
  });
});

describe('importRatioOf', () => {
  it('holds the booking function to 1.4 and the others to 1.8', () => {
    expect(importRatioOf('bookings', [140], [100], 'bookings')).toEqual({
      importRatio: 1.4,
      maxImportRatio: 1.4,
      importRatioMet: true,
    });
    expect(importRatioOf('bookings', [150], [100], 'bookings').importRatioMet).toBe(false);
    expect(importRatioOf('orgs', [170], [100], 'bookings')).toEqual({
      importRatio: 1.7,
      maxImportRatio: 1.8,
      importRatioMet: true,
    });
  });

  it('takes the median of the pairs, so one slowed pair does not move it', () => {
    // Two pairs slowed fourfold together, one not: the pairs say 1.5, 1.6 and 1.5. Against the
    // floor's calm runs alone (100 ms), the slowed runs would read 6.
    expect(importRatioOf('orgs', [600, 640, 150], [400, 400, 100], 'bookings').importRatio).toBe(1.5);
    expect(importRatioOf('orgs', [600, 640, 150], [100, 100, 100], 'bookings').importRatio).toBe(6);
    expect(() => importRatioOf('orgs', [150, 160], [100], 'bookings')).toThrow(/pairs/);
  });
});

describe('replayTemplate', () => {
  const id = 'bkg_abc123def456';
  const claimKey = { pk: { S: 'org#session#s#claims' }, sk: { S: id } };
  const requests: WriteRequest[] = [
    {
      command: 'PutItem',
      input: {
        TableName: 't',
        Item: { ...claimKey, bookingId: { S: id } },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': 'pk' },
      },
    },
    {
      command: 'UpdateItem',
      input: {
        TableName: 't',
        Key: { pk: { S: 'org#session#s#counter#3' }, sk: { S: 'counter' } },
        UpdateExpression: 'ADD confirmed :n',
        ExpressionAttributeValues: { ':n': { N: '1' } },
      },
    },
    {
      command: 'TransactWriteItems',
      input: {
        TransactItems: [
          { Delete: { TableName: 't', Key: claimKey, ConditionExpression: 'attribute_exists(#pk)' } },
          {
            Put: {
              TableName: 't',
              Item: {
                pk: { S: 'org#session#s#bookings' },
                sk: { S: id },
                bookingId: { S: id },
                seatLabels: { L: [{ S: `${id}-A1` }] },
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: 't',
              Item: { pk: { S: `org#booking#${id}` }, sk: { S: 'history' }, bookingId: { S: id } },
            },
          },
        ],
      },
    },
  ];

  it('keeps the shape of an id and changes the rest', () => {
    const fresh = sameShapeId(id);
    expect(fresh).toMatch(/^bkg_[a-z0-9]{12}$/);
    expect(fresh).not.toBe(id);
  });

  it('puts one fresh booking id wherever the captured one was, in every request, and leaves the template alone', () => {
    const template = replayTemplate(requests);
    expect(template.bookingId).toBe(id);
    const [claim, take, tx] = template.fresh();
    expect(claim?.command).toBe('PutItem');
    expect(take).toEqual(requests[1]);
    if (claim?.command !== 'PutItem' || tx?.command !== 'TransactWriteItems') throw new Error('reordered');
    const fresh = claim.input.Item?.bookingId?.S ?? '';
    expect(fresh).not.toBe(id);
    expect(claim.input.Item?.sk?.S).toBe(fresh);
    const [consumed, booking, history] = tx.input.TransactItems ?? [];
    expect(consumed?.Delete?.Key?.sk?.S).toBe(fresh);
    expect(booking?.Put?.Item?.sk?.S).toBe(fresh);
    expect(booking?.Put?.Item?.seatLabels?.L?.[0]?.S).toBe(`${fresh}-A1`);
    expect(history?.Put?.Item?.pk?.S).toBe(`org#booking#${fresh}`);
    const original = requests[0];
    expect(original?.command === 'PutItem' && original.input.Item?.sk?.S).toBe(id);
    const again = template.fresh()[0];
    expect(again?.command === 'PutItem' && again.input.Item?.bookingId?.S).not.toBe(fresh);
  });

  it('refuses requests without exactly one booking id', () => {
    expect(() => replayTemplate([requests[1]!])).toThrow(/one booking id/);
  });
});

describe('pickWrites', () => {
  const put = (sk: string) => ({ Put: { TableName: 't', Item: { pk: { S: 'p' }, sk: { S: sk } } } });
  const requests: WriteRequest[] = [
    { command: 'PutItem', input: { TableName: 't', Item: { pk: { S: 'claim' }, sk: { S: 'b' } } } },
    { command: 'UpdateItem', input: { TableName: 't', Key: { pk: { S: 'counter' }, sk: { S: 'c' } } } },
    { command: 'TransactWriteItems', input: { TransactItems: [put('a'), put('b'), put('c')] } },
  ];

  it('keeps single writes as they are and the items picked from a transaction in one of their own, in order', () => {
    const picked = pickWrites(requests, [
      { request: 2, item: 1 },
      { request: 1, item: null },
    ]);
    expect(picked).toEqual([
      requests[1],
      { command: 'TransactWriteItems', input: { TransactItems: [put('b')] } },
    ]);
  });

  it('refuses an item the transaction does not have', () => {
    expect(() => pickWrites(requests, [{ request: 2, item: 5 }])).toThrow(/no item 5/);
  });
});
