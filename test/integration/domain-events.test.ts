import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../functions/kernel/domain/domain-event.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { book, cancelBooking, expireHold } from '../../functions/modules/bookings/domain/bookings.js';
import { closeSession } from '../../functions/modules/bookings/domain/session-cancellation.js';
import { joinWaitlist } from '../../functions/modules/bookings/domain/waitlist-join.js';
import { offerReleasedPlaces } from '../../functions/modules/bookings/domain/waitlist-offers.js';
import { localEventLog } from '../../functions/modules/notifications/adapters/local-event-bus.js';
import { domainEventSchema } from '../../functions/modules/notifications/contracts/domain-events.js';
import {
  type EventBus,
  type PublicEventType,
  publicEventTypes,
} from '../../functions/modules/notifications/domain/domain-events.js';
import {
  defaultOutboxSweepOptions,
  sweepOutbox,
} from '../../functions/modules/notifications/domain/outbox-relay.js';
import { refundBooking } from '../../functions/modules/payments/domain/refunds.js';
import { ada, ben, codeOf, owner, publishedEventAt, refOf } from './booking-world.js';
import { paymentWorldForFile } from './payment-world.js';

/**
 * Public domain events on DynamoDB Local, published by the outbox relay's sweep to the local bus
 * (which logs each event in the table): a change publishes its events once it committed, even when
 * the bus was down at the time, exactly once; a change that did not commit publishes nothing; each
 * event type comes from its flow and matches its documented schema (test/integration/
 * domain-events-checkin.test.ts: `ticket.checked_in`).
 */

const pw = paymentWorldForFile();

/** The real (local) bus behind a switch: while `down`, every publish fails as an outage would. */
const bus = { down: false, real: undefined as EventBus | undefined };
beforeEach(() => {
  bus.down = false;
  bus.real = pw.c.deps.eventBus;
  const real = bus.real;
  pw.c.deps.eventBus = {
    publish: async (events) => {
      if (bus.down) throw new Error('the event bus is unavailable');
      await real.publish(events);
    },
  };
});
afterEach(() => {
  if (bus.real) pw.c.deps.eventBus = bus.real;
});

const sweep = (now = new Date()) => sweepOutbox(pw.c.deps, now, { ...defaultOutboxSweepOptions, graceMs: 0 });

/** Everything the local bus received so far (the table's log), oldest first. */
const published = async (): Promise<DomainEvent[]> => {
  const log = localEventLog(
    createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT }),
    pw.tableName,
  );
  return (await log.list(10_000)).map((e) => e.detail);
};

/** The session's public events still in its outbox, by type and status. */
const outboxEvents = async (sessionId: string) => {
  const { data } = await pw.service.entities.outbox.query
    .bySession({ orgId: pw.world.orgId, sessionId })
    .go({ pages: 'all', consistent: true });
  return data
    .filter((i) => i.kind === 'domain-event' && i.type !== 'capacity.released')
    .map((i) => ({ id: i.messageId, type: i.type, status: i.status }));
};

/** Sweeps until nothing public is left pending in the session's outbox (the bus being up). */
const publishAll = async (sessionId: string) => {
  for (let i = 0; i < 10; i++) {
    if ((await outboxEvents(sessionId)).every((e) => e.status === 'consumed')) return;
    // A day on: the lapsed offer below lapsed (and committed) after its deadline, in the future.
    await sweep(new Date(Date.now() + 86_400_000));
  }
  throw new Error('public events still pending after 10 sweeps');
};

const freeSession = async (capacity = 5) =>
  (await pw.world.session(pw.world.freeEventId, 'general', capacity)).sessionId;

describe('publishing through the outbox', () => {
  it('a booking made while the bus is down is published once it is back, exactly once', async () => {
    const sessionId = await freeSession();
    bus.down = true;
    const booking = await book(pw.c.deps, ada, pw.world.orgId, sessionId, { attendeeId: pw.world.ada });
    const id = `event#booking.confirmed#${booking.bookingId}#confirmed`;
    // The commit wrote the event; the bus refuses it: it stays pending, nothing is published.
    const down = await sweep();
    expect(down.skipped).toBeGreaterThanOrEqual(1);
    expect(await outboxEvents(sessionId)).toEqual([{ id, type: 'booking.confirmed', status: 'pending' }]);
    expect((await published()).filter((e) => e.id === id)).toEqual([]);

    bus.down = false;
    // The sweep tries it again once it is due again (a minute after the failed try).
    const later = new Date(Date.now() + 2 * 60_000);
    await sweep(later);
    expect(await outboxEvents(sessionId)).toEqual([{ id, type: 'booking.confirmed', status: 'consumed' }]);
    await sweep(new Date(later.getTime() + 60 * 60_000));
    const events = (await published()).filter((e) => e.id === id);
    expect(events).toHaveLength(1);
    expect(domainEventSchema('booking.confirmed').parse(events[0])).toMatchObject({
      orgId: pw.world.orgId,
      occurredAt: booking.createdAt,
      subject: { type: 'booking', id: booking.bookingId },
      data: { bookingId: booking.bookingId, status: 'confirmed', previousStatus: null, seats: 1 },
    });
  });

  it('a change that did not commit publishes nothing: bookings refused as sold out and over the limit', async () => {
    const sessionId = await freeSession(1);
    const first = await book(pw.c.deps, ada, pw.world.orgId, sessionId, { attendeeId: pw.world.ada });
    const refused = codeOf(book(pw.c.deps, ben, pw.world.orgId, sessionId, { attendeeId: pw.world.ben }));
    expect(await refused).toMatchObject({ code: 'CAPACITY_EXHAUSTED' });
    // Places left, but one live booking each: the holder's count, an item of the booking's own
    // transaction, refuses it, and the whole transaction (its event item too) with it.
    const freeEvent = await pw.c.deps.events.get(pw.world.orgId, pw.world.freeEventId);
    const limited = await publishedEventAt(pw.c, pw.world.orgId, freeEvent?.venueId ?? '', {
      settings: { bookingsPerAttendee: 1 },
    });
    const roomy = (await pw.world.session(limited, 'general', 5)).sessionId;
    const kept = await book(pw.c.deps, ada, pw.world.orgId, roomy, { attendeeId: pw.world.ada });
    const again = codeOf(book(pw.c.deps, ada, pw.world.orgId, roomy, { attendeeId: pw.world.ada }));
    expect(await again).toMatchObject({ code: 'BOOKING_LIMIT' });
    await publishAll(roomy);
    expect((await outboxEvents(roomy)).map((e) => e.id)).toEqual([
      `event#booking.confirmed#${kept.bookingId}#confirmed`,
    ]);
    await publishAll(sessionId);
    // The session's only event is the booking that committed.
    expect(await outboxEvents(sessionId)).toEqual([
      {
        id: `event#booking.confirmed#${first.bookingId}#confirmed`,
        type: 'booking.confirmed',
        status: 'consumed',
      },
    ]);
    const ofSession = (await published()).filter(
      (e) => (e.data as { sessionId?: string }).sessionId === sessionId,
    );
    expect(ofSession.map((e) => [e.type, (e.data as { bookingId: string }).bookingId])).toEqual([
      ['booking.confirmed', first.bookingId],
    ]);
  });
});

describe('each event type from its flow, as documented', () => {
  it('booking, waitlist, payment and session events match their schemas', async () => {
    const sessionId = (await pw.world.session(pw.world.paidEventId, 'general', 2)).sessionId;
    // Paid: payment.received and booking.confirmed.
    const sale = await pw.saleIn(sessionId, 'stripe');
    for (const d of pw.pay(sale)) expect(await pw.deliver(d)).toBe('applied');
    // Ben waits; the full refund cancels the booking (payment.refunded, booking.cancelled) and
    // the offer engine offers its places to Ben (waitlist.offered).
    const waiter = await joinWaitlist(pw.c.deps, ben, pw.world.orgId, sessionId, {
      attendeeId: pw.world.ben,
    });
    await refundBooking(pw.c.deps, owner, sale.ref, { requestId: 'events-refund-0001' });
    expect(await offerReleasedPlaces(pw.c.deps, pw.world.orgId, sessionId)).toBe(1);
    const offered = (
      await pw.c.deps.bookings.listBySession(pw.world.orgId, sessionId, { limit: 10 })
    ).items.find((b) => b.waitlistEntryId === waiter.entryId);
    expect(offered?.status).toBe('held');
    // The offer lapses unanswered: booking.expired.
    if (!offered) throw new Error('no offer');
    expect(
      await expireHold(pw.c.deps, refOf(offered), new Date(Date.parse(offered.holdExpiresAt ?? '') + 1000)),
    ).toBe('expired');
    // A free booking cancelled by its holder: booking.cancelled (from confirmed).
    const free = await freeSession();
    const b = await book(pw.c.deps, ada, pw.world.orgId, free, { attendeeId: pw.world.ada });
    await cancelBooking(pw.c.deps, ada, refOf(b));
    // The session cancelled by staff: session.cancelled.
    await closeSession(pw.c.deps, pw.world.orgId, sessionId, owner.sub, 'storm');

    await publishAll(sessionId);
    await publishAll(free);
    const events = (await published()).filter((e) => {
      const data = e.data as { sessionId?: string };
      return data.sessionId === sessionId || data.sessionId === free;
    });
    const types = new Set(events.map((e) => e.type));
    const expected: PublicEventType[] = publicEventTypes.filter((t) => t !== 'ticket.checked_in');
    expect([...types].sort()).toEqual([...expected].sort());
    // Every published event matches its type's schema (strict: nothing undocumented in it).
    for (const e of events) domainEventSchema(e.type as PublicEventType).parse(e);
    // Ids are unique per fact.
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

    const one = (type: PublicEventType) => events.find((e) => e.type === type);
    expect(one('payment.received')).toMatchObject({
      subject: { type: 'payment' },
      data: { bookingId: sale.ref.bookingId, amount: sale.total, currency: 'EUR', provider: 'stripe' },
    });
    expect(one('payment.refunded')).toMatchObject({
      data: { bookingId: sale.ref.bookingId, amount: sale.total, kind: 'refund', refundedTotal: sale.total },
    });
    expect(one('waitlist.offered')).toMatchObject({
      subject: { type: 'booking', id: offered.bookingId },
      data: { entryId: waiter.entryId, holder: { type: 'attendee', id: pw.world.ben } },
    });
    expect(one('booking.expired')).toMatchObject({
      data: { bookingId: offered.bookingId, previousStatus: 'held', waitlistEntryId: waiter.entryId },
    });
    expect(one('session.cancelled')).toMatchObject({
      subject: { type: 'session', id: sessionId },
      data: { sessionId, cancelledBy: owner.sub },
    });
    // Nothing personal: no names, emails or phones of the people involved.
    const text = JSON.stringify(events);
    expect(text).not.toMatch(/@|Ada|Ben|\+49/);
  });
});
