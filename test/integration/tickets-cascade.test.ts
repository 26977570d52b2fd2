import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { Entity } from 'electrodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Container, getContainer, resetContainer } from '../../functions/app/container.js';
import { handler } from '../../functions/app/lambdas/jobs.js';
import type { JobMessage } from '../../functions/kernel/domain/deps.js';
import { book, cancelBooking } from '../../functions/modules/bookings/domain/bookings.js';
import { deleteSession } from '../../functions/modules/catalog/domain/sessions-delete.js';
import { deleteOrganization } from '../../functions/modules/organizations/domain/organizations.js';
import { scanTicket } from '../../functions/modules/tickets/domain/checkin.js';
import { createCheckinList } from '../../functions/modules/tickets/domain/checkin-lists.js';
import { uploadOfflineScans } from '../../functions/modules/tickets/domain/offline-upload.js';
import { requestCheckinOtp } from '../../functions/modules/tickets/domain/otp-request.js';
import { bookingTickets } from '../../functions/modules/tickets/domain/tickets.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import type { RawItem } from '../../scripts/invariants/snapshot.js';
import { localTicketKey } from '../../scripts/local/ticket-key.js';
import { createIsolatedTable, type TestEnv, useTestEnv } from '../support/env.js';
import { ada, bookingWorld, codeOf, door, manualClock, owner, refOf } from './booking-world.js';
import { recordJobs } from './catalog-world.js';
import { lambdaContext } from './fixtures.js';
import { sqsEvent } from './notification-world.js';

/**
 * Cascade deletes of the door's records on DynamoDB Local: a session with admissions, scan
 * records, one-time codes and offline-scan conflicts, deleted on its own or with its
 * organization (and the organization's check-in lists), through the jobs function as the jobs
 * queue runs it, including a duplicate delivery and a step that dies half-way. Every entity of
 * the tickets module is covered: one added later fails here until the cascade and this world
 * know it.
 */

let env: TestEnv;
let c: Container;
let jobs: JobMessage[];
let clock: ReturnType<typeof manualClock>;
let tickets: string[];
let nonces = 0;

const location = () => ({ tableName: env.tableName, endpoint: env.dynamoEndpoint });

/** The entity names of every file in the tickets module's adapters/entities. */
const ticketEntityNames = async (): Promise<string[]> => {
  const dir = resolve(import.meta.dirname, '../../functions/modules/tickets/adapters/entities');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts'));
  const modules = await Promise.all(
    files.map((f) => import(join(dir, f)) as Promise<Record<string, unknown>>),
  );
  return modules
    .flatMap((m) => Object.values(m))
    .flatMap((v) => (v instanceof Entity ? [v.schema.model.entity] : []))
    .sort();
};

beforeAll(async () => {
  const tableName = await createIsolatedTable('tickets-cascade');
  env = useTestEnv({ tableName, env: (await localTicketKey({ inMemory: true })).env });
  // The jobs function and the test share one container: its jobs are recorded, its clock set by hand.
  resetContainer();
  c = getContainer();
  jobs = recordJobs(c);
  clock = manualClock(c.deps, new Date());
  tickets = await ticketEntityNames();
}, 60_000);

afterAll(() => {
  resetContainer();
  env.restore();
});

type World = Awaited<ReturnType<typeof bookingWorld>>;

/** The instant `minutes` from the session's start. */
const fromStart = async (w: World, sessionId: string, minutes: number) => {
  const s = await c.deps.sessions.get(w.orgId, sessionId);
  return new Date(Date.parse(s?.startsAt ?? '') + minutes * 60_000);
};

const nonce = () => {
  nonces += 1;
  return `cascade-${String(nonces).padStart(6, '0')}`;
};

/**
 * A new session of the world's free event in which Ada's confirmed booking of two places left
 * every kind of door record: an admission and its scan, a refused scan, a one-time code (and its
 * notification), an offline entry at a second gate that made a conflict. Answers the session and
 * the booking, which is still confirmed.
 */
const sessionWithDoorRecords = async (w: World) => {
  clock.set(new Date());
  const { sessionId } = await w.session(w.freeEventId, 'general', 5);
  const booking = await book(c.deps, ada, w.orgId, sessionId, { attendeeId: w.ada, seats: 2 });
  expect(booking.status).toBe('confirmed');
  const [ticket] = await bookingTickets(c.deps, ada, refOf(booking));
  const scan = { sessionId, method: 'qr', direction: 'entry', gate: 'North' } as const;
  clock.set(await fromStart(w, sessionId, -10));
  const admitted = await scanTicket(c.deps, door, w.orgId, {
    ...scan,
    code: ticket?.code ?? '',
    nonce: nonce(),
  });
  expect(admitted.outcome).toBe('admitted');
  const forged = await scanTicket(c.deps, door, w.orgId, {
    ...scan,
    code: 'T1.Zm9v.YmFy.YmF6',
    nonce: nonce(),
  });
  expect(forged.outcome).toBe('invalid');
  await requestCheckinOtp(c.deps, door, w.orgId, { sessionId, attendeeId: w.ada });
  clock.set(await fromStart(w, sessionId, 10));
  const offline = await uploadOfflineScans(c.deps, door, w.orgId, {
    deviceId: 'scanner-b',
    scans: [
      {
        ...scan,
        gate: 'South',
        code: ticket?.code ?? '',
        scannedAt: (await fromStart(w, sessionId, -5)).toISOString(),
        nonce: nonce(),
        deviceOutcome: 'admitted',
      },
    ],
  });
  expect(offline.conflicts.map((k) => k.kind)).toEqual(['double_admission']);
  clock.set(new Date());
  return { sessionId, booking };
};

/** The tickets module's items of an organization (of one session, when named), counted by kind. */
const doorItems = async (orgId: string, sessionId?: string): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {};
  for (const item of await scanTable(location())) {
    const kind = String(item.__edb_e__);
    if (!tickets.includes(kind) || item.orgId !== orgId) continue;
    if (sessionId !== undefined && item.sessionId !== sessionId) continue;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
};

/** Every item that names `id` in any key or value. */
/** Items naming `id`, apart from the audit trail, which outlives what it describes. */
const itemsNaming = async (id: string): Promise<RawItem[]> =>
  (await scanTable(location())).filter((i) => !isAuditTrail(i) && JSON.stringify(i).includes(id));

const isAuditTrail = (i: RawItem) => ['auditRecord', 'auditChain'].includes(String(i.__edb_e__));

/** The ids of the batch's records that failed: all of them when the function throws (as it does when every record fails). */
const failedRecords = async (event: SQSEvent): Promise<string[]> => {
  try {
    const result = await handler(event, lambdaContext() as never);
    return (result?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
  } catch {
    return event.Records.map((r) => r.messageId);
  }
};

/**
 * Feeds the recorded jobs to the jobs function until none is left, as the queue does: a step
 * that asks for more re-enqueues its job, a record that fails is delivered again. `copies`
 * delivers every message that many times in its batch (a duplicate delivery). Answers how many
 * deliveries failed.
 */
const drainJobs = async (copies = 1): Promise<number> => {
  let failed = 0;
  for (let round = 0; jobs.length > 0; round++) {
    if (round > 200) throw new Error('the cascade did not finish');
    const event = sqsEvent(...jobs.splice(0).flatMap((job) => Array.from({ length: copies }, () => job)));
    for (const id of await failedRecords(event)) {
      failed += 1;
      const record = event.Records.find((r) => r.messageId === id);
      if (record) jobs.push(JSON.parse(record.body) as JobMessage);
    }
  }
  return failed;
};

describe('the door records in cascade deletes', () => {
  it('covers every entity of the tickets module', () => {
    expect(tickets).toEqual(
      expect.arrayContaining(['admission', 'checkinConflict', 'checkinList', 'checkinOtp', 'checkinScan']),
    );
  });

  it('a deleted session leaves none of its door records; another session keeps its own', async () => {
    const w = await bookingWorld(c);
    const doomed = await sessionWithDoorRecords(w);
    const kept = await sessionWithDoorRecords(w);
    const keptBefore = await doorItems(w.orgId, kept.sessionId);
    // Every session-keyed kind (all but the organization's check-in lists) is there to delete.
    const sessionKinds = tickets.filter((k) => k !== 'checkinList');
    expect(Object.keys(await doorItems(w.orgId, doomed.sessionId)).sort()).toEqual(sessionKinds);

    // A session with live bookings refuses deletion: its organizer cancels them first.
    expect(await codeOf(deleteSession(c.deps, owner, w.orgId, doomed.sessionId))).toMatchObject({
      code: 'HAS_LIVE_BOOKINGS',
    });
    await cancelBooking(c.deps, owner, refOf(doomed.booking));
    await deleteSession(c.deps, owner, w.orgId, doomed.sessionId);
    expect(jobs).toEqual([{ type: 'catalog.delete', orgId: w.orgId, targetId: doomed.sessionId }]);
    expect(await drainJobs(2)).toBe(0);

    expect(await c.deps.deletions.get(w.orgId, doomed.sessionId)).toMatchObject({ status: 'completed' });
    expect(await doorItems(w.orgId, doomed.sessionId)).toEqual({});
    // Only the deletion's own record still names the session.
    expect((await itemsNaming(doomed.sessionId)).map((i) => i.__edb_e__)).toEqual(['deletion']);
    expect(await doorItems(w.orgId, kept.sessionId)).toEqual(keptBefore);
    expect(checkInvariants(await scanTable(location())).violations).toEqual([]);
  }, 60_000);

  it('a deleted organization leaves nothing, though a step dies half-way', async () => {
    const w = await bookingWorld(c);
    const sessions = [await sessionWithDoorRecords(w), await sessionWithDoorRecords(w)];
    for (const name of ['Front door', 'Side door']) {
      await createCheckinList(c.deps, owner, w.orgId, {
        name,
        sessionIds: sessions.map((s) => s.sessionId),
        reentry: false,
        opensMinutesBefore: 10,
        closesMinutesAfter: 5,
      });
    }
    const elsewhere = await sessionWithDoorRecords(await bookingWorld(c));
    const elsewhereBefore = await doorItems(elsewhere.booking.orgId);
    expect(Object.keys(await doorItems(w.orgId)).sort()).toEqual(tickets);

    for (const s of sessions) await cancelBooking(c.deps, owner, refOf(s.booking));
    await deleteOrganization(c.deps, owner, w.orgId);
    // The worker dies purging the second session's door records; the redelivered job finishes.
    const real = c.deps.ticketRecords;
    let calls = 0;
    c.deps.ticketRecords = {
      ...real,
      purgeSessionRecords: async (...args) => {
        calls += 1;
        if (calls === 2) throw new Error('worker died');
        return real.purgeSessionRecords(...args);
      },
    };
    try {
      expect(await drainJobs()).toBe(1);
    } finally {
      c.deps.ticketRecords = real;
    }

    expect(await c.deps.orgs.get(w.orgId)).toBeUndefined();
    expect(await itemsNaming(w.orgId)).toEqual([]);
    expect(await doorItems(elsewhere.booking.orgId)).toEqual(elsewhereBefore);
    expect(checkInvariants(await scanTable(location())).violations).toEqual([]);
  }, 90_000);

  it('purges in bounded steps, each safe to run again', async () => {
    const w = await bookingWorld(c);
    const { sessionId } = await sessionWithDoorRecords(w);
    const total = Object.values(await doorItems(w.orgId, sessionId)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(2);
    const steps: number[] = [];
    do steps.push(await c.deps.ticketRecords.purgeSessionRecords(w.orgId, sessionId, 2));
    while (steps.at(-1) === 2);
    expect(steps.reduce((a, b) => a + b, 0)).toBe(total);
    expect(steps.slice(0, -1).every((n) => n === 2)).toBe(true);
    expect(await doorItems(w.orgId, sessionId)).toEqual({});
    expect(await c.deps.ticketRecords.purgeSessionRecords(w.orgId, sessionId, 2)).toBe(0);

    for (const name of ['A', 'B', 'C']) {
      await createCheckinList(c.deps, owner, w.orgId, {
        name,
        sessionIds: [sessionId],
        reentry: true,
        opensMinutesBefore: 30,
        closesMinutesAfter: 0,
      });
    }
    const purgeLists = () => c.deps.ticketRecords.purgeOrganizationRecords(w.orgId, 2);
    expect([await purgeLists(), await purgeLists(), await purgeLists()]).toEqual([2, 1, 0]);
    expect(await doorItems(w.orgId)).toEqual({});
  }, 60_000);
});
