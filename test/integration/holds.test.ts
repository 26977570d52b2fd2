import type { SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Container, resetContainer } from '../../functions/app/container.js';
import { handler } from '../../functions/app/lambdas/holds.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { resetEnvCache } from '../../functions/kernel/env.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import {
  expireScheduledHold,
  HoldNotDueError,
  remindHold,
  sweepDueHolds,
} from '../../functions/modules/bookings/domain/holds.js';
import type { BookingRef } from '../../functions/modules/bookings/domain/model.js';
import { createEventBody } from '../../functions/modules/catalog/contracts/events.js';
import { changeEventStatus, createEvent } from '../../functions/modules/catalog/domain/events.js';
import { createSessions } from '../../functions/modules/catalog/domain/sessions.js';
import { createAttendee } from '../../functions/modules/people/domain/attendees.js';
import { orgWith, venueIn } from './catalog-world.js';
import { freshContainer, lambdaContext, user } from './fixtures.js';

/** Hold expiry against DynamoDB Local: the schedule path, the sweep, and the holds consumer. */

const MINUTE = 60_000;

describe('hold expiry (DynamoDB Local)', () => {
  let c: Container;
  let tableName: string;
  beforeAll(async () => {
    const fresh = await freshContainer();
    c = fresh;
    tableName = fresh.tableName;
    // The consumer builds its own container from the environment: the same table.
    process.env.TABLE_NAME = tableName;
    resetEnvCache();
    resetContainer();
  });

  /** A published priced event with one 10-place session in `owner`'s new organization. */
  const pricedSession = async (owner: string, holdMinutes: number) => {
    const orgId = await orgWith(c, owner);
    const venue = await venueIn(c, owner, orgId);
    const body = createEventBody.parse({
      venueId: venue.venueId,
      title: 'Priced',
      defaultCapacity: 10,
      price: { kind: 'paid', amountMinor: 1000, currency: 'EUR' },
      settings: { holdMinutes },
    });
    const event = await createEvent(c.deps, user(owner), orgId, body);
    const { sessions } = await createSessions(c.deps, user(owner), orgId, event.eventId, {
      startsAt: '2030-03-18T19:00',
      roomId: venue.rooms[0]?.roomId ?? '',
    });
    await changeEventStatus(c.deps, user(owner), orgId, event.eventId, 'published');
    const sessionId = sessions[0]?.sessionId ?? '';
    const hold = async (): Promise<BookingRef & { deadline: Date }> => {
      const attendee = await createAttendee(c.deps, user(owner), orgId, { firstName: 'A', lastName: 'B' });
      const booking = await book(c.deps, user(owner), orgId, sessionId, { attendeeId: attendee.attendeeId });
      expect(booking.status).toBe('held');
      return {
        orgId,
        sessionId,
        bookingId: booking.bookingId,
        deadline: new Date(booking.holdExpiresAt ?? ''),
      };
    };
    return { orgId, sessionId, hold };
  };

  const statusOf = async (ref: BookingRef) => (await c.deps.bookings.get(ref))?.status;
  const counterOf = (orgId: string, sessionId: string) => c.deps.sessions.getCounter(orgId, sessionId);

  it('a schedule that arrives early fails without releasing; on time it releases once', async () => {
    const { orgId, sessionId, hold } = await pricedSession('hx-early', 1);
    const { deadline, ...ref } = await hold();
    await expect(
      expireScheduledHold(c.deps, ref, new Date(deadline.getTime() - 1000)),
    ).rejects.toBeInstanceOf(HoldNotDueError);
    expect(await statusOf(ref)).toBe('held');
    expect(await expireScheduledHold(c.deps, ref, deadline)).toBe('expired');
    expect(await expireScheduledHold(c.deps, ref, deadline)).toBe('not-held');
    expect(await statusOf(ref)).toBe('expired');
    expect(await counterOf(orgId, sessionId)).toMatchObject({ capacity: 10, available: 10, held: 0 });
  });

  it('a reminder schedule writes one "about to expire" notification while the hold runs, none after', async () => {
    const { hold } = await pricedSession('hx-remind', 15);
    const { deadline, ...ref } = await hold();
    const remindAt = new Date(deadline.getTime() - 5 * MINUTE);
    const client = createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
    const { outbox } = createService(client, tableName).entities;
    const reminders = async () =>
      (await outbox.query.bySession(ref).go({ pages: 'all' })).data.filter(
        (i) => i.type === 'booking.hold_expiring',
      );
    expect(await remindHold(c.deps, ref, remindAt)).toBe('reminded');
    // A redelivered schedule message finds it written.
    expect(await remindHold(c.deps, ref, new Date(remindAt.getTime() + 1000))).toBe('already-reminded');
    const written = await reminders();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ at: remindAt.toISOString(), status: expect.any(String) });
    expect(JSON.parse(written[0]?.payload ?? '{}')).toMatchObject({ bookingId: ref.bookingId });

    // Past its deadline (or no longer held) there is nothing to remind of.
    expect(await remindHold(c.deps, ref, deadline)).toBe('not-held');
    expect(await expireScheduledHold(c.deps, ref, deadline)).toBe('expired');
    expect(await remindHold(c.deps, ref, remindAt)).toBe('not-held');
    expect(await reminders()).toHaveLength(1);
  });

  it('the sweep releases due holds of every organization, page by page, and leaves the others', async () => {
    const a = await pricedSession('hx-sweep-a', 1);
    const b = await pricedSession('hx-sweep-b', 1);
    const later = await pricedSession('hx-sweep-later', 30);
    const due = [await a.hold(), await a.hold(), await b.hold()];
    const notDue = await later.hold();
    const now = new Date(Date.now() + 2 * MINUTE);
    const result = await sweepDueHolds(c.deps, now, { pageSize: 2, maxPages: 10 });
    expect(result.expired).toBeGreaterThanOrEqual(3);
    for (const { deadline: _d, ...ref } of due) expect(await statusOf(ref)).toBe('expired');
    const { deadline: _d, ...notDueRef } = notDue;
    expect(await statusOf(notDueRef)).toBe('held');
    expect(await counterOf(a.orgId, a.sessionId)).toMatchObject({ available: 10, held: 0 });
    expect(await counterOf(later.orgId, later.sessionId)).toMatchObject({ available: 9, held: 1 });
    expect(await sweepDueHolds(c.deps, now)).toEqual({ found: 0, expired: 0 });
  });

  describe('holds consumer', () => {
    const record = (id: string, body: string) => ({
      messageId: id,
      receiptHandle: id,
      body,
      attributes: {} as never,
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:holds',
      awsRegion: 'us-east-1',
    });
    const run = (records: ReturnType<typeof record>[]) =>
      handler({ Records: records } satisfies SQSEvent, lambdaContext() as never);

    it('fails malformed and early messages alone (they retry, then reach the DLQ) and completes the rest', async () => {
      const { hold } = await pricedSession('hx-consumer', 1);
      const { deadline, ...ref } = await hold();
      const expire = (r: BookingRef) =>
        JSON.stringify({ type: 'hold.expire', ...r, at: deadline.toISOString() });
      const response = await run([
        record('not-json', '{'),
        record('unknown-type', '{"type":"hold.extend"}'),
        record('early', expire(ref)),
        record('gone', expire({ ...ref, bookingId: 'bkg_00000000000000000000' })),
        record('sweep', '{"type":"holds.sweep"}'),
      ]);
      expect(response?.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([
        'early',
        'not-json',
        'unknown-type',
      ]);
      expect(await statusOf(ref)).toBe('held');
    });
  });
});
