import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { onDynamoClientCreated } from '../../functions/kernel/dynamo/client.js';
import {
  book,
  cancelBooking,
  confirmBooking,
  expireHold,
} from '../../functions/modules/bookings/domain/bookings.js';
import {
  getAvailability,
  getBooking,
  listAttendeeBookings,
  listMyBookings,
  listSessionBookings,
} from '../../functions/modules/bookings/domain/bookings-view.js';
import type { Booking } from '../../functions/modules/bookings/domain/model.js';
import { cancelSession } from '../../functions/modules/bookings/domain/session-cancellation.js';
import { updateEvent } from '../../functions/modules/catalog/domain/events.js';
import { updateSession } from '../../functions/modules/catalog/domain/sessions.js';
import { acceptInvite, createInvite } from '../../functions/modules/organizations/domain/invites.js';
import {
  ada,
  ben,
  bookingWorld,
  claimsOf,
  codeOf,
  counterOf,
  door,
  manualClock,
  owner,
  publishedEventAt,
  recordSchedules,
  refOf,
} from './booking-world.js';
import { freshContainer, user } from './fixtures.js';

const start = new Date('2029-12-01T10:00:00Z');

describe('bookings against DynamoDB Local', () => {
  let c: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;
  let clock: ReturnType<typeof manualClock>;
  let schedules: ReturnType<typeof recordSchedules>;
  const calls: string[] = [];
  /** A general-admission booking's requests: its claim, its take of places, its transaction. */
  const takeAndCommit = ['PutItemCommand', 'UpdateItemCommand', 'TransactWriteItemsCommand'];
  /** One refused by its transaction: the places given back, the claim dropped. */
  const refusedAndGivenBack = [...takeAndCommit, 'TransactWriteItemsCommand', 'DeleteItemCommand'];

  const balanced = async (sessionId: string) => {
    const k = await counterOf(c, w.orgId, sessionId);
    expect(k.capacity).toBe(k.available + k.held + k.confirmed);
    expect(Math.min(k.available, k.held, k.confirmed)).toBeGreaterThanOrEqual(0);
    return k;
  };

  beforeAll(async () => {
    // Counts every request the booking container's DynamoDB client sends.
    const stop = onDynamoClientCreated((client: DynamoDBClient) => {
      client.middlewareStack.add(
        (next, context) => async (args) => {
          calls.push(String(context.commandName));
          return next(args);
        },
        { step: 'initialize', name: 'countCalls' },
      );
    });
    c = await freshContainer({ SCHEDULER_MODE: 'local' });
    stop();
    clock = manualClock(c.deps, start);
    schedules = recordSchedules(c.deps);
    w = await bookingWorld(c);
  });

  it('books a free general-admission session: confirmed at once, counter balanced', async () => {
    const s = await w.session(w.freeEventId, 'general');
    const b = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, seats: 2 });
    expect(b).toMatchObject({ status: 'confirmed', paymentStatus: 'none', holdExpiresAt: null, seats: 2 });
    expect(b.userId).toBe(ada.sub);
    expect(await balanced(s.sessionId)).toMatchObject({ capacity: 5, available: 3, confirmed: 2, held: 0 });
    expect(schedules.scheduled.map((x) => x.bookingId)).not.toContain(b.bookingId);
  });

  it('a free general-admission booking costs one read, then its claim, its take and one transaction; self-service then no read', async () => {
    const s = await w.session(w.freeEventId, 'general');
    // The first booking of a session in a container reads (and also reads the session's event).
    await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada });
    // Ben is new here: he books on what the container remembers, and the transaction checks it.
    calls.length = 0;
    const bens = await book(c.deps, ben, w.orgId, s.sessionId, { attendeeId: w.ben });
    expect(calls).toEqual(takeAndCommit);
    expect(bens).toMatchObject({
      attendeeId: w.ben,
      userId: ben.sub,
      bookedBy: ben.sub,
      status: 'confirmed',
    });
    // Staff known to be members here read first: they may book for anyone.
    await book(c.deps, door, w.orgId, s.sessionId, { attendeeId: w.guest });
    calls.length = 0;
    await book(c.deps, door, w.orgId, s.sessionId, { attendeeId: w.guest });
    expect(calls).toEqual(['BatchGetItemCommand', ...takeAndCommit]);
    expect(await balanced(s.sessionId)).toMatchObject({ available: 1, confirmed: 4 });
  });

  describe('self-service bookings on a remembered context', () => {
    /** A session ada has booked once (so its context is remembered), with that first booking. */
    const remembered = async (eventId = w.freeEventId) => {
      const s = await w.session(eventId, 'general');
      const first = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada });
      return { sessionId: s.sessionId, first };
    };

    it('an attendee not linked to the caller: gives its places back, reads again and answers NOT_FOUND, leaving nothing', async () => {
      const { sessionId } = await remembered();
      calls.length = 0;
      const err = await codeOf(book(c.deps, ada, w.orgId, sessionId, { attendeeId: w.guest }));
      expect(err.code).toBe('NOT_FOUND');
      expect(calls).toEqual([...refusedAndGivenBack, 'BatchGetItemCommand']);
      expect(await balanced(sessionId)).toMatchObject({ available: 4, confirmed: 1 });
      expect(await claimsOf(c, w.orgId, sessionId)).toEqual([]);
    });

    it('staff new to the container booking for someone else: one refused try, then the read', async () => {
      const { sessionId } = await remembered();
      const invite = await createInvite(c.deps, owner, w.orgId, {
        email: 'clerk@example.com',
        role: 'staff',
        expiresInHours: 1,
      });
      const clerk = user('clerk');
      await acceptInvite(c.deps, clerk, invite.token);
      calls.length = 0;
      const made = await book(c.deps, clerk, w.orgId, sessionId, { attendeeId: w.guest });
      expect(calls).toEqual([...refusedAndGivenBack, 'BatchGetItemCommand', ...takeAndCommit]);
      expect(made).toMatchObject({ attendeeId: w.guest, userId: null, bookedBy: 'clerk' });
      // Now known as a member here: straight to the read.
      calls.length = 0;
      await book(c.deps, clerk, w.orgId, sessionId, { attendeeId: w.ben });
      expect(calls).toEqual(['BatchGetItemCommand', ...takeAndCommit]);
      expect(await balanced(sessionId)).toMatchObject({ available: 2, confirmed: 3 });
    });

    it('a session cancelled since: the transaction refuses it, and the fresh read says why', async () => {
      const { sessionId } = await remembered();
      await cancelSession(c.deps, owner, w.orgId, sessionId, 'storm');
      const err = await codeOf(book(c.deps, ada, w.orgId, sessionId, { attendeeId: w.ada }));
      expect(err).toMatchObject({ code: 'NOT_BOOKABLE', details: { currentStatus: 'cancelled' } });
      expect(await balanced(sessionId)).toMatchObject({ available: 4, confirmed: 1 });
    });

    it('an event whose settings changed since: the booking is judged on the fresh read', async () => {
      const venueId = (await c.deps.events.get(w.orgId, w.freeEventId))!.venueId;
      const eventId = await publishedEventAt(c, w.orgId, venueId, { title: 'Strict' });
      const { sessionId } = await remembered(eventId);
      // Within the same millisecond as the event's last change: its stamp still moves on.
      await updateEvent(c.deps, owner, w.orgId, eventId, { settings: { maxSeatsPerBooking: 1 } });
      const err = await codeOf(book(c.deps, ada, w.orgId, sessionId, { attendeeId: w.ada, seats: 2 }));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(err.details)).toContain('at most 1 seats');
      expect(await balanced(sessionId)).toMatchObject({ available: 4, confirmed: 1 });
    });

    it('full: answers CAPACITY_EXHAUSTED from the refused take, without reading the context again', async () => {
      const s = await w.session(w.freeEventId, 'general', 1);
      await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada });
      calls.length = 0;
      const err = await codeOf(book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada }));
      expect(err).toEqual({ code: 'CAPACITY_EXHAUSTED', details: { available: 0 } });
      // The claim, the refused take, the counter read that explains the refusal, the claim dropped,
      // and the read of the holder (a stranger's attendee is told NOT_FOUND, not that it is full).
      expect(calls).toEqual([
        'PutItemCommand',
        'UpdateItemCommand',
        'GetItemCommand',
        'DeleteItemCommand',
        'GetItemCommand',
      ]);
    });
  });

  it('books a priced session as a hold with a deadline and schedules its expiry', async () => {
    const s = await w.session(w.paidEventId, 'general');
    const b = await book(c.deps, door, w.orgId, s.sessionId, { attendeeId: w.guest });
    const deadline = new Date(start.getTime() + 15 * 60_000).toISOString();
    expect(b).toMatchObject({
      status: 'held',
      paymentStatus: 'pending',
      holdExpiresAt: deadline,
      bookedBy: 'door',
    });
    expect(schedules.scheduled).toContainEqual({ bookingId: b.bookingId, at: deadline });
    expect(await balanced(s.sessionId)).toMatchObject({ available: 4, held: 1 });
  });

  it('refuses more seats than are left with CAPACITY_EXHAUSTED naming what is left', async () => {
    const s = await w.session(w.freeEventId, 'general', 3);
    await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.guest, seats: 2 });
    const err = await codeOf(book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, seats: 2 }));
    expect(err).toEqual({ code: 'CAPACITY_EXHAUSTED', details: { available: 1 } });
    expect(await balanced(s.sessionId)).toMatchObject({ available: 1, confirmed: 2 });
    const { items } = await listSessionBookings(c.deps, owner, w.orgId, s.sessionId, { limit: 10 });
    expect(items).toHaveLength(1);
  });

  it('refuses more seats than the event allows per booking, naming the field', async () => {
    const s = await w.session(w.freeEventId, 'general', 50);
    const err = await codeOf(book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.guest, seats: 11 }));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(err.details)).toContain('seats');
  });

  it('gives the lowest free seats, requested labels, and SEAT_TAKEN for a taken one', async () => {
    const s = await w.session(w.freeEventId, 'seated');
    const first = await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.guest, seats: 2 });
    expect(first.seatLabels).toEqual(['A1', 'A2']);
    const chosen = await book(c.deps, ada, w.orgId, s.sessionId, {
      attendeeId: w.ada,
      seats: 1,
      seatLabels: ['B3'],
    });
    expect(chosen.seatLabels).toEqual(['B3']);
    const err = await codeOf(
      book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.guest, seats: 2, seatLabels: ['A3', 'A2'] }),
    );
    expect(err).toEqual({ code: 'SEAT_TAKEN', details: { labels: ['A2'] } });
    const next = await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.guest, seats: 1 });
    expect(next.seatLabels).toEqual(['A3']);
    expect(await balanced(s.sessionId)).toMatchObject({ available: 4, confirmed: 4 });
  });

  it('seats a party together: its member count by default, adjacent seats in one row', async () => {
    const s = await w.session(w.freeEventId, 'seated');
    await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.guest, seats: 1, seatLabels: ['A2'] });
    const b = await book(c.deps, ben, w.orgId, s.sessionId, { partyId: w.partyId });
    expect(b).toMatchObject({ seats: 3, partyId: w.partyId, attendeeId: null, userId: ben.sub });
    expect(b.seatLabels).toEqual(['B1', 'B2', 'B3']);
  });

  it('lets attendees book only for themselves and parties they lead', async () => {
    const s = await w.session(w.freeEventId, 'general');
    expect((await codeOf(book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.guest }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await codeOf(book(c.deps, ada, w.orgId, s.sessionId, { partyId: w.partyId }))).code).toBe(
      'NOT_FOUND',
    );
    const stranger = user('stranger');
    expect((await codeOf(book(c.deps, stranger, w.orgId, s.sessionId, { attendeeId: w.ada }))).code).toBe(
      'NOT_FOUND',
    );
    expect(await balanced(s.sessionId)).toMatchObject({ available: 5 });
  });

  it('refuses sessions that started and events that are not published', async () => {
    const s = await w.session(w.freeEventId, 'general');
    clock.set(new Date('2031-01-01T00:00:00Z'));
    try {
      const err = await codeOf(book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada }));
      expect(err.code).toBe('NOT_BOOKABLE');
    } finally {
      clock.set(start);
    }
  });

  it('confirms a held booking: held -> confirmed, schedule cancelled, history kept', async () => {
    const s = await w.session(w.paidEventId, 'seated');
    const b = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, seats: 2 });
    expect(await balanced(s.sessionId)).toMatchObject({ held: 2, available: 6 });
    // ada is no member: she gets the answer of a missing organization.
    await expect(confirmBooking(c.deps, ada, refOf(b))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'organization was not found',
    });
    const confirmed = await confirmBooking(c.deps, door, refOf(b));
    expect(confirmed).toMatchObject({ status: 'confirmed', paymentStatus: 'paid', holdExpiresAt: null });
    expect(schedules.cancelled).toContain(b.bookingId);
    expect(await balanced(s.sessionId)).toMatchObject({ held: 0, confirmed: 2, available: 6 });
    const detail = await getBooking(c.deps, ada, refOf(b));
    expect(detail.history.map((h) => [h.from, h.to])).toEqual([
      [null, 'held'],
      ['held', 'confirmed'],
    ]);
    expect(detail.seatStates).toEqual([
      { label: 'A1', state: 'confirmed' },
      { label: 'A2', state: 'confirmed' },
    ]);
    const again = await confirmBooking(c.deps, door, refOf(b));
    expect(again.status).toBe('confirmed');
  });

  it('refuses to confirm a hold past its deadline', async () => {
    const s = await w.session(w.paidEventId, 'general');
    const b = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada });
    clock.advanceMinutes(16);
    try {
      expect((await codeOf(confirmBooking(c.deps, door, refOf(b)))).code).toBe('HOLD_EXPIRED');
    } finally {
      clock.set(start);
    }
  });

  it('cancels: attendees until the cutoff, staff any time; seats and places are released', async () => {
    const s = await w.session(w.freeEventId, 'seated');
    const mine = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, seats: 2 });
    const cancelled = await cancelBooking(c.deps, ada, refOf(mine));
    expect(cancelled.status).toBe('cancelled');
    expect(await balanced(s.sessionId)).toMatchObject({ available: 8, confirmed: 0 });
    const reused = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, seats: 2 });
    expect(reused.seatLabels).toEqual(['A1', 'A2']);
    // 30 minutes before the start: past the 60-minute cutoff for the attendee, not for staff.
    clock.set(new Date(Date.parse(s.startsAt) - 30 * 60_000));
    try {
      const late = await codeOf(cancelBooking(c.deps, ada, refOf(reused)));
      expect(late.code).toBe('CANCEL_CUTOFF_PASSED');
      expect((await cancelBooking(c.deps, door, refOf(reused))).status).toBe('cancelled');
    } finally {
      clock.set(start);
    }
    expect(await balanced(s.sessionId)).toMatchObject({ available: 8 });
    const twice = await codeOf(cancelBooking(c.deps, door, refOf(reused)));
    expect(twice).toEqual({ code: 'INVALID_TRANSITION', details: { currentStatus: 'cancelled' } });
    const availability = await getAvailability(c.deps, owner, w.orgId, s.sessionId);
    expect(availability.seats?.every((seat) => seat.state === 'free')).toBe(true);
  });

  it('expires a hold only when it is due and still held', async () => {
    const s = await w.session(w.paidEventId, 'seated');
    const b = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, seats: 2 });
    expect(await expireHold(c.deps, refOf(b), start)).toBe('not-due');
    const due = new Date(start.getTime() + 15 * 60_000);
    expect(await expireHold(c.deps, refOf(b), due)).toBe('expired');
    expect(await expireHold(c.deps, refOf(b), due)).toBe('not-held');
    expect(await balanced(s.sessionId)).toMatchObject({ available: 8, held: 0 });
    expect((await getBooking(c.deps, owner, refOf(b))).status).toBe('expired');
    const a = await getAvailability(c.deps, owner, w.orgId, s.sessionId);
    expect(a.seats?.filter((seat) => seat.state !== 'free')).toEqual([]);
  });

  it('lists due holds across organizations from the sharded index, earliest first', async () => {
    const s = await w.session(w.paidEventId, 'general', 20);
    const made: Booking[] = [];
    for (let i = 0; i < 6; i++) {
      clock.set(new Date(start.getTime() + i * 60_000));
      made.push(await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.guest }));
    }
    clock.set(start);
    const confirmed = made[0]!;
    await confirmBooking(c.deps, door, refOf(confirmed));
    const cutoff = new Date(start.getTime() + 18 * 60_000).toISOString();
    const due = (await c.deps.bookings.listDueHolds(cutoff, 100)).filter((d) => d.sessionId === s.sessionId);
    expect(due.map((d) => d.bookingId)).toEqual(made.slice(1, 4).map((b) => b.bookingId));
    expect(due.map((d) => d.at)).toEqual([...due.map((d) => d.at)].sort());
    expect(await c.deps.bookings.listDueHolds(cutoff, 2)).toHaveLength(2);
  });

  it('reads bookings by session, attendee and user, and availability with seat states', async () => {
    const s = await w.session(w.paidEventId, 'seated');
    const held = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, seatLabels: ['B4'] });
    const other = await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.guest });
    await confirmBooking(c.deps, door, refOf(other));
    const a = await getAvailability(c.deps, ada, w.orgId, s.sessionId);
    expect(a).toMatchObject({ capacity: 8, available: 6, held: 1, confirmed: 1 });
    expect(a.seats?.find((x) => x.label === 'B4')?.state).toBe('held');
    expect(a.seats?.find((x) => x.label === 'A1')?.state).toBe('confirmed');
    const page1 = await listSessionBookings(c.deps, owner, w.orgId, s.sessionId, { limit: 1 });
    expect(page1.items).toHaveLength(1);
    const page2 = await listSessionBookings(c.deps, owner, w.orgId, s.sessionId, {
      limit: 1,
      cursor: page1.nextCursor ?? undefined,
    });
    expect([...page1.items, ...page2.items].map((b) => b.bookingId).sort()).toEqual(
      [held.bookingId, other.bookingId].sort(),
    );
    expect((await codeOf(listSessionBookings(c.deps, ada, w.orgId, s.sessionId, { limit: 5 }))).code).toBe(
      'NOT_FOUND',
    );
    const adas = await listAttendeeBookings(c.deps, ada, w.orgId, w.ada, { limit: 100 });
    expect(adas.items.map((b) => b.bookingId)).toContain(held.bookingId);
    expect(adas.items.every((b) => b.attendeeId === w.ada)).toBe(true);
    expect((await codeOf(listAttendeeBookings(c.deps, ada, w.orgId, w.guest, { limit: 5 }))).code).toBe(
      'NOT_FOUND',
    );
    const mine = await listMyBookings(c.deps, ada, { limit: 100 });
    expect(mine.items.map((b) => b.bookingId)).toContain(held.bookingId);
    expect(mine.items.every((b) => b.userId === ada.sub)).toBe(true);
    expect((await codeOf(getBooking(c.deps, ada, refOf(other)))).code).toBe('NOT_FOUND');
  });

  it('lets staff raise capacity and lower it only down to what is taken, through the session', async () => {
    const s = await w.session(w.freeEventId, 'general', 4);
    await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.guest, seats: 3 });
    expect((await codeOf(updateSession(c.deps, owner, w.orgId, s.sessionId, { capacity: 2 }))).code).toBe(
      'CAPACITY_IN_USE',
    );
    await updateSession(c.deps, owner, w.orgId, s.sessionId, { capacity: 3 });
    expect(await balanced(s.sessionId)).toMatchObject({ capacity: 3, available: 0 });
    await updateSession(c.deps, owner, w.orgId, s.sessionId, { capacity: 6 });
    expect(await balanced(s.sessionId)).toMatchObject({ capacity: 6, available: 3 });
  });
});
