import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { book, cancelBooking, expireHold } from '../../functions/modules/bookings/domain/bookings.js';
import { bookOrJoin, joinWaitlist } from '../../functions/modules/bookings/domain/waitlist-join.js';
import { offerReleasedPlaces } from '../../functions/modules/bookings/domain/waitlist-offers.js';
import { getWaitlistEntry } from '../../functions/modules/bookings/domain/waitlist-view.js';
import { createAttendee } from '../../functions/modules/people/domain/attendees.js';
import { type CategoryInput, createCategory } from '../../functions/modules/pricing/domain/categories.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { formatViolation } from '../../scripts/invariants/violation.js';
import {
  bookingWorld,
  codeOf,
  counterOf,
  door,
  manualClock,
  owner,
  publishedEventAt,
  refOf,
} from './booking-world.js';
import { freshContainer } from './fixtures.js';

/**
 * The waitlist of an event that sells ticket categories: an entry waits for the categories it
 * names; an offer holds exactly those, priced when it is made, and only when they have places left
 * (an entry whose category is still sold out is passed over, without a skip); the places go back
 * to the category when the offer lapses.
 */
describe('waitlists of ticket categories', () => {
  let c: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;
  let venueId: string;
  const start = new Date('2029-12-01T10:00:00Z');
  let clock: ReturnType<typeof manualClock>;

  let n = 0;
  const attendee = async () => {
    n += 1;
    return (
      await createAttendee(c.deps, owner, w.orgId, {
        firstName: `C${n}`,
        lastName: 'W',
        email: `c${n}@catwait.example`,
      })
    ).attendeeId;
  };

  const invariantsHold = async () => {
    const report = checkInvariants(
      await scanTable({ tableName: c.tableName, endpoint: process.env.DYNAMODB_ENDPOINT as string }),
    );
    expect(report.violations.map(formatViolation)).toEqual([]);
  };

  /** A priced event with two categories (VIP: 1 place at 50.00, Standard: 3 at 20.00), one full session of 4. */
  const fullEvent = async (settings: { waitlistPolicy: 'fifo' | 'fit' }) => {
    const eventId = await publishedEventAt(c, w.orgId, venueId, {
      price: { kind: 'paid', amountMinor: 2000, currency: 'EUR' },
      settings: { ...settings, offerMinutes: 30 },
    });
    const category = (input: Pick<CategoryInput, 'name' | 'priceMinor' | 'quota'>) =>
      createCategory(c.deps, owner, w.orgId, eventId, { currency: 'EUR', ...input });
    const vip = await category({ name: 'VIP', priceMinor: 5000, quota: 1 });
    const std = await category({ name: 'Standard', priceMinor: 2000, quota: 3 });
    const s = await w.session(eventId, 'general', 4);
    const sold = [];
    for (const [cat, count] of [
      [vip, 1],
      [std, 3],
    ] as const) {
      for (let i = 0; i < count; i++) {
        sold.push(
          await book(c.deps, door, w.orgId, s.sessionId, {
            attendeeId: await attendee(),
            tickets: [{ categoryId: cat.categoryId, seats: 1 }],
          }),
        );
      }
    }
    return { eventId, sessionId: s.sessionId, vip, std, sold };
  };

  beforeAll(async () => {
    c = await freshContainer({ SCHEDULER_MODE: 'local' });
    clock = manualClock(c.deps, start);
    w = await bookingWorld(c);
    venueId = (await c.deps.events.get(w.orgId, w.freeEventId))!.venueId;
  });

  it('offers each entry the category it waits for, passing over one whose category is still sold out', async () => {
    const e = await fullEvent({ waitlistPolicy: 'fifo' });
    // A booking of a sold-out category joins the line with its categories (joinWaitlistIfFull).
    const first = await bookOrJoin(c.deps, door, w.orgId, e.sessionId, {
      attendeeId: await attendee(),
      tickets: [{ categoryId: e.vip.categoryId, seats: 1 }],
      joinWaitlistIfFull: true,
    });
    expect(first.kind).toBe('waitlisted');
    const vipEntry = first.kind === 'waitlisted' ? first.entry : undefined;
    expect(vipEntry?.tickets).toEqual([{ categoryId: e.vip.categoryId, seats: 1 }]);
    const stdEntry = await joinWaitlist(c.deps, door, w.orgId, e.sessionId, {
      attendeeId: await attendee(),
      tickets: [{ categoryId: e.std.categoryId, seats: 1 }],
    });

    // A Standard place comes free: the VIP entry ahead cannot use it, the Standard one behind gets it.
    await cancelBooking(c.deps, owner, refOf(e.sold[1]!));
    expect(await offerReleasedPlaces(c.deps, w.orgId, e.sessionId)).toBe(1);
    const head = await getWaitlistEntry(c.deps, owner, w.orgId, vipEntry!.entryId);
    expect(head).toMatchObject({ status: 'waiting', rank: 1, skips: 0 });
    const offered = await getWaitlistEntry(c.deps, owner, w.orgId, stdEntry.entryId);
    expect(offered.status).toBe('offered');
    const hold = await c.deps.bookings.get({
      orgId: w.orgId,
      sessionId: e.sessionId,
      bookingId: offered.bookingId!,
    });
    expect(hold).toMatchObject({
      status: 'held',
      seats: 1,
      paymentStatus: 'pending',
      tickets: [
        { categoryId: e.std.categoryId, name: 'Standard', seats: 1, unitAmount: 2000, currency: 'EUR' },
      ],
    });
    const counts = await c.deps.categories.countsOf(w.orgId, e.sessionId);
    expect(counts.get(e.std.categoryId)).toMatchObject({ taken: 3, left: 0 });
    await invariantsHold();

    // The VIP place comes free: the VIP entry gets it, priced as VIP.
    await cancelBooking(c.deps, owner, refOf(e.sold[0]!));
    expect(await offerReleasedPlaces(c.deps, w.orgId, e.sessionId)).toBe(1);
    const vipOffer = await getWaitlistEntry(c.deps, owner, w.orgId, vipEntry!.entryId);
    expect(vipOffer.status).toBe('offered');
    const vipHold = await c.deps.bookings.get({
      orgId: w.orgId,
      sessionId: e.sessionId,
      bookingId: vipOffer.bookingId!,
    });
    expect(vipHold?.tickets).toEqual([
      { categoryId: e.vip.categoryId, name: 'VIP', seats: 1, unitAmount: 5000, currency: 'EUR' },
    ]);
    expect(await counterOf(c, w.orgId, e.sessionId)).toMatchObject({ available: 0, held: 4, waiting: 0 });
    await invariantsHold();

    // An offer that lapses gives its category's place back.
    clock.advanceMinutes(31);
    expect(await expireHold(c.deps, refOf(vipHold!), c.deps.clock.now())).toBe('expired');
    expect((await c.deps.categories.countsOf(w.orgId, e.sessionId)).get(e.vip.categoryId)).toMatchObject({
      taken: 0,
      left: 1,
    });
    await invariantsHold();
  });

  it('refuses an entry for a category the event does not sell, naming the field', async () => {
    const e = await fullEvent({ waitlistPolicy: 'fit' });
    const refused = await codeOf(
      joinWaitlist(c.deps, door, w.orgId, e.sessionId, {
        attendeeId: await attendee(),
        tickets: [{ categoryId: 'cat_00000000000000000000', seats: 1 }],
      }),
    );
    expect(refused).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'tickets.0.categoryId' }] },
    });
    const mismatch = await codeOf(
      joinWaitlist(c.deps, door, w.orgId, e.sessionId, {
        attendeeId: await attendee(),
        partySize: 2,
        tickets: [{ categoryId: e.std.categoryId, seats: 1 }],
      }),
    );
    expect(mismatch).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'partySize' }] },
    });
    // Two categories on sale and none named: the entry must say which.
    const unnamed = await codeOf(
      joinWaitlist(c.deps, door, w.orgId, e.sessionId, { attendeeId: await attendee() }),
    );
    expect(unnamed).toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ field: 'tickets' }] } });
    expect(await counterOf(c, w.orgId, e.sessionId)).toMatchObject({ waiting: 0 });
  });
});
