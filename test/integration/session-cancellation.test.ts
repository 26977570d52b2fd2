import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { JobMessage } from '../../functions/kernel/domain/deps.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { book, confirmBooking } from '../../functions/modules/bookings/domain/bookings.js';
import { getBooking } from '../../functions/modules/bookings/domain/bookings-view.js';
import type { Booking } from '../../functions/modules/bookings/domain/model.js';
import {
  cancelSession,
  runEventCancellationStep,
  runSessionCancellationStep,
} from '../../functions/modules/bookings/domain/session-cancellation.js';
import { joinWaitlist } from '../../functions/modules/bookings/domain/waitlist-join.js';
import { changeEventStatus } from '../../functions/modules/catalog/domain/events.js';
import { createSessions, updateSession } from '../../functions/modules/catalog/domain/sessions.js';
import { getSession } from '../../functions/modules/catalog/domain/sessions-reads.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import {
  bookingWorld,
  counterOf,
  manualClock,
  owner,
  publishedEventAt,
  recordSchedules,
  refOf,
} from './booking-world.js';
import { recordJobs } from './catalog-world.js';
import { freshContainer } from './fixtures.js';

/**
 * Cancelling a session or an event against DynamoDB Local: the session closes at once, and its
 * bookings are cancelled by job steps run here as the jobs queue would run them (one at a time,
 * twice over, or two copies at once).
 */

const start = new Date('2029-12-01T10:00:00Z');

let c: Container & { tableName: string };
let w: Awaited<ReturnType<typeof bookingWorld>>;
let schedules: ReturnType<typeof recordSchedules>;
let jobs: JobMessage[];

/** Runs one queued job as the jobs handler does; answers the job it queued next, if any. */
const runOne = async (job: JobMessage): Promise<JobMessage | undefined> => {
  if (job.type === 'session.cancel') return runSessionCancellationStep(c.deps, job);
  if (job.type === 'event.cancel') return runEventCancellationStep(c.deps, job);
  throw new Error(`unexpected job ${job.type}`);
};

/** Runs queued jobs until none is left; answers how many steps ran. */
const drainJobs = async (): Promise<number> => {
  let steps = 0;
  for (let job = jobs.shift(); job; job = jobs.shift()) {
    steps += 1;
    const next = await runOne(job);
    if (next) jobs.push(next);
  }
  return steps;
};

const outboxOf = async (sessionId: string) => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: c.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `${w.orgId}#session#${sessionId}#outbox` },
      ConsistentRead: true,
    }),
  );
  // Public domain events (booking.cancelled, session.cancelled) are the relay's: see domain-events tests.
  return (Items as { type: string; kind: string; recipientId?: string; payload: string }[]).filter(
    (i) => i.kind === 'notification' || i.type === 'capacity.released',
  );
};

const violations = async () =>
  (
    await checkInvariants(
      await scanTable({ tableName: c.tableName, endpoint: process.env.DYNAMODB_ENDPOINT! }),
    )
  ).violations;

const reason = 'The stage is flooded';

beforeAll(async () => {
  c = await freshContainer({ SCHEDULER_MODE: 'local' });
  manualClock(c.deps, start);
  schedules = recordSchedules(c.deps);
  w = await bookingWorld(c);
  jobs = recordJobs(c);
});

describe('session cancellation against DynamoDB Local', () => {
  it('cancels many held and confirmed bookings over several steps, giving every place back', async () => {
    const s = await w.session(w.paidEventId, 'general', 60);
    const made: Booking[] = [];
    for (let i = 0; i < 30; i++) {
      made.push(await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: i % 2 ? w.ada : w.guest }));
    }
    made.push(await book(c.deps, owner, w.orgId, s.sessionId, { partyId: w.partyId }));
    const confirmed = made.slice(0, 10);
    for (const b of confirmed) await confirmBooking(c.deps, owner, refOf(b));
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({
      held: 23,
      confirmed: 10,
      available: 27,
    });

    const answered = await cancelSession(c.deps, owner, w.orgId, s.sessionId, reason);
    expect(answered).toMatchObject({
      status: 'cancelled',
      cancellation: { by: owner.sub, reason, completedAt: null },
      availability: { held: 23, confirmed: 10 },
    });
    expect(jobs).toEqual([{ type: 'session.cancel', orgId: w.orgId, sessionId: s.sessionId }]);

    expect(await drainJobs()).toBeGreaterThan(1);
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({
      capacity: 60,
      available: 60,
      held: 0,
      confirmed: 0,
    });
    const after = await getSession(c.deps, owner, w.orgId, s.sessionId);
    expect(after.status).toBe('cancelled');
    expect(after.cancellation?.completedAt).not.toBeNull();

    for (const b of made) {
      const detail = await getBooking(c.deps, owner, refOf(b));
      expect(detail.status).toBe('cancelled');
      expect(detail.history.at(-1)).toMatchObject({
        to: 'cancelled',
        reason: 'session cancelled',
        by: owner.sub,
      });
    }
    // Held bookings' expiry schedules are cancelled; confirmed ones had none left to cancel.
    const held = made.filter((b) => !confirmed.includes(b)).map((b) => b.bookingId);
    expect(schedules.cancelled).toEqual(expect.arrayContaining(held));

    const outbox = await outboxOf(s.sessionId);
    const notices = outbox.filter((o) => o.type === 'session.cancelled');
    expect(notices).toHaveLength(made.length);
    expect(JSON.parse(notices[0]!.payload)).toMatchObject({
      cancelReason: reason,
      reason: 'session cancelled',
    });
    expect(outbox.filter((o) => o.type === 'booking.cancelled')).toEqual([]);
    expect(outbox.filter((o) => o.type === 'capacity.released')).toHaveLength(made.length);
    expect(await violations()).toEqual([]);
  });

  it('is safe to repeat (a second cancel, a re-run step, two copies of one step), then closes the waitlist', async () => {
    const s = await w.session(w.freeEventId, 'seated');
    const a = await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada, seats: 2 });
    const b = await book(c.deps, owner, w.orgId, s.sessionId, { partyId: w.partyId });
    const waiting = await joinWaitlist(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.guest });
    const first = await cancelSession(c.deps, owner, w.orgId, s.sessionId, reason);
    const again = await cancelSession(c.deps, owner, w.orgId, s.sessionId, 'another reason');
    expect(again.cancellation).toEqual(first.cancellation);
    // Two copies of the first step at once (a retried request sent the job twice).
    const [job, copy] = jobs.splice(0, 2);
    expect(copy).toEqual(job);
    await Promise.all([runOne(job!), runOne(copy!)]);
    await drainJobs();
    for (const ref of [refOf(a), refOf(b)]) {
      const history = (await getBooking(c.deps, owner, ref)).history;
      expect(history.filter((h) => h.to === 'cancelled')).toHaveLength(1);
    }
    expect((await outboxOf(s.sessionId)).filter((o) => o.type === 'session.cancelled')).toHaveLength(2);
    expect(await c.deps.bookings.bookedSeats(w.orgId, s.sessionId)).toEqual([]);
    // With no booking live, the waitlist is closed.
    expect((await c.deps.waitlist.getInSession(w.orgId, s.sessionId, waiting.entryId))?.status).toBe(
      'removed',
    );

    // Once complete, cancelling again sends no job, and an old step finds nothing to do.
    await cancelSession(c.deps, owner, w.orgId, s.sessionId, reason);
    expect(jobs).toEqual([]);
    expect(await runOne(job!)).toBeUndefined();
    expect((await outboxOf(s.sessionId)).filter((o) => o.type === 'session.cancelled')).toHaveLength(2);
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ available: 8, held: 0, confirmed: 0 });
    expect(await violations()).toEqual([]);
  });

  it('refuses bookings and changes on a cancelled session, also for a booking that read it just before', async () => {
    const s = await w.session(w.freeEventId, 'general');
    await cancelSession(c.deps, owner, w.orgId, s.sessionId, reason);
    await drainJobs();
    await expect(book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada })).rejects.toMatchObject({
      code: 'NOT_BOOKABLE',
      details: { currentStatus: 'cancelled' },
    });
    await expect(updateSession(c.deps, owner, w.orgId, s.sessionId, { capacity: 4 })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { currentStatus: 'cancelled' },
    });

    // The session is cancelled between the booking's read and its transaction.
    const racing = await w.session(w.freeEventId, 'general');
    const store = c.deps.bookings;
    c.deps.bookings = {
      ...store,
      context: async (query) => {
        const ctx = await store.context(query);
        if (ctx.session?.status === 'scheduled') {
          await c.deps.sessions.cancel(w.orgId, racing.sessionId, {
            at: start.toISOString(),
            by: owner.sub,
            reason,
            completedAt: null,
          });
        }
        return ctx;
      },
    };
    try {
      await expect(
        book(c.deps, owner, w.orgId, racing.sessionId, { attendeeId: w.ada }),
      ).rejects.toMatchObject({ code: 'NOT_BOOKABLE', details: { currentStatus: 'cancelled' } });
    } finally {
      c.deps.bookings = store;
    }
    expect(await counterOf(c, w.orgId, racing.sessionId)).toMatchObject({ available: 5, confirmed: 0 });
  });

  it('cancelling an event cancels every one of its sessions and their bookings', async () => {
    const venueId = (await c.deps.events.get(w.orgId, w.freeEventId))!.venueId;
    const e = { eventId: await publishedEventAt(c, w.orgId, venueId, { title: 'Festival' }) };
    const { roomId } = await w.session(w.freeEventId, 'general');
    const { sessions } = await createSessions(c.deps, owner, w.orgId, e.eventId, {
      startsAt: '2030-03-01T10:00',
      roomId,
      recurrence: { frequency: 'daily', count: 3 },
    });
    const booked = await book(c.deps, owner, w.orgId, sessions[1]!.sessionId, {
      attendeeId: w.ada,
      seats: 2,
    });

    await changeEventStatus(c.deps, owner, w.orgId, e.eventId, 'cancelled');
    expect(jobs).toEqual([{ type: 'event.cancel', orgId: w.orgId, eventId: e.eventId, by: owner.sub }]);
    await drainJobs();
    for (const s of sessions) {
      const now = await getSession(c.deps, owner, w.orgId, s.sessionId);
      expect(now).toMatchObject({ status: 'cancelled', cancellation: { reason: 'event cancelled' } });
      expect(now.cancellation?.completedAt).not.toBeNull();
    }
    expect((await getBooking(c.deps, owner, refOf(booked))).status).toBe('cancelled');
    expect(await counterOf(c, w.orgId, sessions[1]!.sessionId)).toMatchObject({ available: 5 });
    expect(await violations()).toEqual([]);
  });
});
