import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { cancelBooking } from '../../functions/modules/bookings/domain/bookings-changes.js';
import { joinWaitlist } from '../../functions/modules/bookings/domain/waitlist-join.js';
import { updateEvent } from '../../functions/modules/catalog/domain/events.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { formatViolation } from '../../scripts/invariants/violation.js';
import { ada, bookingWorld, codeOf, counterOf, owner, publishedEventAt, refOf } from './booking-world.js';
import { freshContainer } from './fixtures.js';

/**
 * The event's `bookingsPerAttendee` (default one): an attendee, or a party, holds at most that
 * many live bookings of one session, whoever books for them and however many try at once. Ended
 * bookings free their count; the invariant checker compares the counts with the bookings.
 */
describe('live bookings per attendee', () => {
  let c: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;
  let venueId: string;
  let eventId: string;

  beforeAll(async () => {
    c = await freshContainer();
    w = await bookingWorld(c);
    venueId = (await c.deps.events.get(w.orgId, w.freeEventId))!.venueId;
    // An event left at the default (the world's own events allow many bookings per attendee).
    eventId = await publishedEventAt(c, w.orgId, venueId);
  });

  const location = () => ({ tableName: c.tableName, endpoint: process.env.DYNAMODB_ENDPOINT as string });
  const invariantsHold = async () => {
    const report = checkInvariants(await scanTable(location()));
    expect(report.checks).toContain('holder-count-matches-bookings');
    expect(report.violations.map(formatViolation)).toEqual([]);
  };

  it('is one by default: a second live booking of the session is refused 409 BOOKING_LIMIT, and changes nothing', async () => {
    const s = await w.session(eventId, 'general', 10);
    const first = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada });
    expect(first.status).toBe('confirmed');
    const places = async () => {
      const { available, held, confirmed } = await counterOf(c, w.orgId, s.sessionId);
      return { available, held, confirmed };
    };
    const before = await places();
    // The attendee themself, and staff booking for them: both count against the same limit.
    for (const [who, input] of [
      [ada, { attendeeId: w.ada }],
      [owner, { attendeeId: w.ada }],
    ] as const) {
      expect(await codeOf(book(c.deps, who, w.orgId, s.sessionId, input))).toMatchObject({
        code: 'BOOKING_LIMIT',
        details: { limit: 1, field: 'bookingsPerAttendee' },
      });
    }
    expect(await places()).toEqual(before);
    // Another session of the same event is another count.
    const other = await w.session(eventId, 'general', 10);
    expect((await book(c.deps, ada, w.orgId, other.sessionId, { attendeeId: w.ada })).status).toBe(
      'confirmed',
    );
    // A cancelled booking no longer counts.
    await cancelBooking(c.deps, ada, refOf(first));
    expect((await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada })).status).toBe('confirmed');
    await invariantsHold();
  });

  it('counts a party as one holder', async () => {
    const s = await w.session(eventId, 'general', 10);
    await book(c.deps, owner, w.orgId, s.sessionId, { partyId: w.partyId });
    expect(
      await codeOf(book(c.deps, owner, w.orgId, s.sessionId, { partyId: w.partyId, seats: 1 })),
    ).toMatchObject({ code: 'BOOKING_LIMIT' });
    // Its members may still book for themselves.
    expect((await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.guest })).seats).toBe(1);
  });

  it('lets exactly the limit through of 20 bookings at once for one attendee, for limits 1 and 3', async () => {
    for (const limit of [1, 3]) {
      const limited = await publishedEventAt(c, w.orgId, venueId, {
        settings: { bookingsPerAttendee: limit },
      });
      const s = await w.session(limited, 'general', 50);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          book(c.deps, i % 2 === 0 ? ada : owner, w.orgId, s.sessionId, { attendeeId: w.ada }),
        ),
      );
      const made = outcomes.filter((o) => o.status === 'fulfilled');
      expect(made, `limit ${limit}`).toHaveLength(limit);
      const codes = outcomes.flatMap((o) =>
        o.status === 'rejected' ? [(o.reason as { code?: string }).code] : [],
      );
      // Refused for the limit, or (two at once on one counter) told to retry: never booked twice.
      expect(codes.filter((code) => code !== 'BOOKING_LIMIT' && code !== 'TEMPORARILY_UNAVAILABLE')).toEqual(
        [],
      );
      expect(codes).toContain('BOOKING_LIMIT');
      expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ available: 50 - limit });
    }
    await invariantsHold();
  });

  it('follows the event: raising the limit lets a second booking through', async () => {
    const own = await publishedEventAt(c, w.orgId, venueId);
    const s = await w.session(own, 'general', 10);
    await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada });
    expect(await codeOf(book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada }))).toMatchObject({
      code: 'BOOKING_LIMIT',
    });
    await updateEvent(c.deps, owner, w.orgId, own, { settings: { bookingsPerAttendee: 2 } });
    expect((await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada })).status).toBe('confirmed');
    expect(await codeOf(book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada }))).toMatchObject({
      code: 'BOOKING_LIMIT',
      details: { limit: 2 },
    });
    await invariantsHold();
  });

  it('keeps a holder at the limit off the waitlist: an offer would be one more live booking', async () => {
    const s = await w.session(eventId, 'general', 1);
    await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada });
    expect(
      await codeOf(joinWaitlist(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada })),
    ).toMatchObject({ code: 'BOOKING_LIMIT', details: { limit: 1 } });
    const other = await joinWaitlist(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.guest });
    expect(other.status).toBe('waiting');
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ waiting: 1 });
  });

  it('is checked: a count that disagrees with the bookings is a violation', async () => {
    const s = await w.session(eventId, 'general', 10);
    await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada });
    await createDocumentClient({ region: 'us-east-1', endpoint: location().endpoint }).send(
      new UpdateCommand({
        TableName: c.tableName,
        Key: { pk: `${w.orgId}#session#${s.sessionId}#holders`, sk: w.ada },
        UpdateExpression: 'SET #live = :none',
        ExpressionAttributeNames: { '#live': 'live' },
        ExpressionAttributeValues: { ':none': 0 },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
    const report = checkInvariants(await scanTable(location()));
    expect(report.violations).toEqual([
      expect.objectContaining({
        check: 'holder-count-matches-bookings',
        sessionId: s.sessionId,
        detail: `holder ${w.ada}: count says 0, live bookings 1`,
      }),
    ]);
  });
});
