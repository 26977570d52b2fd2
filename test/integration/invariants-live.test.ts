import { setTimeout as pause } from 'node:timers/promises';
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { type ReadTable, settleReads } from '../../scripts/invariants/settle.js';
import { checkInvariantsSettled } from '../../scripts/invariants/settled-check.js';
import { entityNames, type RawItem } from '../../scripts/invariants/snapshot.js';
import { createIsolatedTable, testServers } from '../support/env.js';
import { runCheckScript } from './invariants-script.js';

/**
 * The settled invariant check against DynamoDB Local while a session is being written. The writer
 * books one seat at a time in two writes, the counter first and the booking item later: what a
 * Scan sees of a booking transaction that commits between its reads of the two items.
 */

const orgId = 'org_live';
let db: DynamoDBDocumentClient;
let endpoint: string;
let tableName: string;

const location = () => ({ tableName, endpoint });
const put = (item: RawItem) => db.send(new PutCommand({ TableName: tableName, Item: item }));
const pk = (sessionId: string, part = '') => `${orgId}#session#${sessionId}${part}`;

beforeAll(() => {
  endpoint = testServers().dynamoEndpoint;
  db = createDocumentClient({ region: 'us-east-1', endpoint });
});

afterAll(() => db.destroy());

// Each test gets its own table: the check reads the whole table.
beforeEach(async () => {
  tableName = await createIsolatedTable('inv-live');
});

/** A general session and its counter, as they are before the first booking. */
const openSession = async (sessionId: string, capacity = 10_000): Promise<void> => {
  const ref = { orgId, sessionId };
  const updatedAt = new Date().toISOString();
  await put({
    pk: pk(sessionId),
    sk: 'session',
    __edb_e__: entityNames.session,
    ...ref,
    capacity,
    seatingMode: 'general',
    updatedAt,
  });
  await put({
    pk: pk(sessionId, '#counter'),
    sk: 'counter',
    __edb_e__: entityNames.counter,
    ...ref,
    capacity,
    available: capacity,
    held: 0,
    confirmed: 0,
    version: 1,
  });
};

const bumpCounter = (sessionId: string, update: string) =>
  db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: pk(sessionId, '#counter'), sk: 'counter' },
      UpdateExpression: `SET ${update}, version = version + :one`,
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );

/**
 * Counts the next booking on the counter before it writes the item of the one counted before,
 * so from its first step on the session never balances: one booking item behind the counter.
 */
const bookingWriter = (sessionId: string) => {
  let counted = 0;
  let written = 0;
  const writeBooking = async () => {
    const bookingId = `bkg_${written}`;
    const updatedAt = new Date().toISOString();
    await put({
      pk: pk(sessionId, '#bookings'),
      sk: bookingId,
      __edb_e__: entityNames.booking,
      orgId,
      sessionId,
      bookingId,
      status: 'confirmed',
      seats: 1,
      updatedAt,
    });
    written += 1;
  };
  return {
    async step(): Promise<void> {
      await bumpCounter(sessionId, 'confirmed = confirmed + :one, available = available - :one');
      counted += 1;
      if (counted > 1) await writeBooking();
    },
    /** Writes the booking still missing: the session balances again. */
    async finish(): Promise<void> {
      while (written < counted) await writeBooking();
    },
    counted: () => counted,
  };
};

const halfWritten = (counted: number) =>
  `counter says confirmed ${counted}, confirmed bookings hold ${counted - 1} seats`;

/** A real scan after `before` ran, recording what a one-shot check of that scan reports. */
const scanAfter =
  (before: (round: number) => Promise<void>, seen: string[][]): ReadTable =>
  async () => {
    await before(seen.length + 1);
    const items = await scanTable(location());
    seen.push(checkInvariants(items).violations.map((v) => v.check));
    return items;
  };

describe('settled invariant check on a table being written', () => {
  it('reads a quiet consistent table once, and confirms a quiet violation with one re-read', async () => {
    await openSession('ses_quiet');
    expect(await checkInvariantsSettled(location())).toMatchObject({ ok: true, rounds: 1, sessions: 1 });
    await bumpCounter('ses_quiet', 'available = available + :one');
    const report = await checkInvariantsSettled(location());
    expect(report).toMatchObject({ ok: false, rounds: 2, unsettledSessions: [] });
    expect(report.violations).toEqual([
      expect.objectContaining({
        check: 'counter-balanced',
        orgId,
        sessionId: 'ses_quiet',
        detail: 'capacity 10000 != available 10001 + held 0 + confirmed 0',
      }),
    ]);
  });

  it('does not report a session whose writer moved on between every two reads and then finished', async () => {
    await openSession('ses_busy');
    const writer = bookingWriter('ses_busy');
    const seen: string[][] = [];
    const read = scanAfter((round) => (round <= 4 ? writer.step() : writer.finish()), seen);
    const report = await settleReads(read, { pauseMs: 0 });
    // Each of the first four reads saw the writer half-way: a one-shot check reports them all.
    expect(seen).toEqual([...Array.from({ length: 4 }, () => ['confirmed-matches-bookings']), []]);
    expect(report).toMatchObject({ ok: true, violations: [], unsettledSessions: [], rounds: 5 });
  });

  it('reports the half-state its writer leaves when it stops midway', async () => {
    await openSession('ses_stopped');
    const writer = bookingWriter('ses_stopped');
    const seen: string[][] = [];
    const read = scanAfter((round) => (round <= 3 ? writer.step() : Promise.resolve()), seen);
    const report = await settleReads(read, { pauseMs: 0 });
    expect(report).toMatchObject({ ok: false, unsettledSessions: [], rounds: 4 });
    expect(report.violations).toEqual([
      expect.objectContaining({ check: 'confirmed-matches-bookings', detail: halfWritten(3) }),
    ]);
  });

  it('the script names a session written throughout as unsettled and exits 0; frozen, it reports it and exits 1', async () => {
    await openSession('ses_live');
    const writer = bookingWriter('ses_live');
    let writing = true;
    const writes = (async () => {
      while (writing) {
        await writer.step();
        // Leaves DynamoDB Local to the other test files between steps; the check pauses 250 ms.
        await pause(10);
      }
    })();
    const busy = await runCheckScript(location(), '--settle-seconds', '1').finally(() => {
      writing = false;
    });
    await writes;
    expect(busy.stdout).toContain(`note: org=${orgId} session=ses_live : violating but still changing`);
    expect(busy.stdout).not.toContain('[confirmed-matches-bookings]');
    expect(busy.stdout).toContain('invariants hold');
    expect(busy.code).toBe(0);

    const frozen = await runCheckScript(location(), '--settle-seconds', '1');
    expect(frozen.stdout).toContain(
      `[confirmed-matches-bookings] org=${orgId} session=ses_live : ${halfWritten(writer.counted())}`,
    );
    expect(frozen.stdout).not.toContain('note:');
    expect(frozen.code).toBe(1);
  });
});
