import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/kernel/domain/deps.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import {
  getEventAnalytics,
  refreshEventAnalytics,
} from '../../functions/modules/analytics/domain/analytics.js';
import type { EventAnalytics } from '../../functions/modules/analytics/domain/model.js';
import { refreshChunkAnalytics, refreshSessions } from '../../functions/modules/analytics/domain/refresh.js';
import { book, cancelBooking, expireHold } from '../../functions/modules/bookings/domain/bookings.js';
import type { Booking } from '../../functions/modules/bookings/domain/model.js';
import { leaveWaitlist } from '../../functions/modules/bookings/domain/waitlist-changes.js';
import { joinWaitlist } from '../../functions/modules/bookings/domain/waitlist-join.js';
import { offerReleasedPlaces } from '../../functions/modules/bookings/domain/waitlist-offers.js';
import { acceptOffer } from '../../functions/modules/bookings/domain/waitlist-responses.js';
import { runDeletionStep } from '../../functions/modules/deletions/domain/cascade.js';
import { giveFeedback } from '../../functions/modules/feedback/domain/feedback.js';
import { refundBooking } from '../../functions/modules/payments/domain/refunds.js';
import { scanTicket } from '../../functions/modules/tickets/domain/checkin.js';
import { bookingTickets } from '../../functions/modules/tickets/domain/tickets.js';
import { localTicketKey } from '../../scripts/local/ticket-key.js';
import { ada, ben, codeOf, door, owner, refOf } from './booking-world.js';
import { user } from './fixtures.js';
import { paymentWorldForFile } from './payment-world.js';

/**
 * Analytics on DynamoDB Local: an event's figures, refreshed on demand and by the nightly step,
 * match a recount from the raw items of the table (bookings, waitlist entries, admissions,
 * payment orders, feedback, sessions), read here with a Scan; the snapshot goes with the event.
 */

// The door signs tickets with a key of its own: the container reads its file when it is built.
beforeAll(async () => {
  const { env } = await localTicketKey({ inMemory: true });
  process.env.TICKET_KEY_FILE = env.TICKET_KEY_FILE;
});
afterAll(() => {
  delete process.env.TICKET_KEY_FILE;
});

const pw = paymentWorldForFile();
const raw = createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
const stranger = user('stranger');

let orgId: string;
let paidEventId: string;
let freeEventId: string;
/** Paid: Ada's two places paid and partly refunded, Ben's hold that lapsed and his live hold. */
let paid: string;
/** Free, one place: Ada cancels, Ben's waitlist offer is accepted, the guest leaves the line. */
let waitlisted: string;
/** Free: Ada admitted and rating it, Ben never came. */
let door1: string;

const clockAt = (deps: Deps, at: number) => {
  const offset = at - Date.now();
  deps.clock = { now: () => new Date(Date.now() + offset) };
};

const admit = async (b: Booking) => {
  const [code] = (await bookingTickets(pw.c.deps, owner, refOf(b))).map((t) => t.code);
  const answer = await scanTicket(pw.c.deps, door, orgId, {
    sessionId: b.sessionId,
    method: 'qr',
    code: code!,
    direction: 'entry',
    gate: 'Main',
    nonce: `an-${b.bookingId}`,
  });
  expect(answer.outcome).toBe('admitted');
};

beforeAll(async () => {
  const w = pw.world;
  ({ orgId, paidEventId, freeEventId } = w);
  const deps = pw.c.deps;

  paid = (await w.session(paidEventId, 'general', 5)).sessionId;
  const sale = await pw.saleIn(paid, 'stripe');
  for (const d of pw.pay(sale)) expect(await pw.deliver(d)).toBe('applied');
  await refundBooking(deps, owner, sale.ref, { requestId: 'analytics-part-01', amountMinor: 500 });
  const lapsed = await book(deps, ben, orgId, paid, { attendeeId: w.ben, seats: 1 });
  const due = new Date(Date.parse(lapsed.holdExpiresAt ?? '') + 1000);
  expect(await expireHold(deps, refOf(lapsed), due)).toBe('expired');
  await book(deps, ben, orgId, paid, { attendeeId: w.ben, seats: 2 });

  waitlisted = (await w.session(freeEventId, 'general', 1)).sessionId;
  const first = await book(deps, ada, orgId, waitlisted, { attendeeId: w.ada, seats: 1 });
  const benWaits = await joinWaitlist(deps, ben, orgId, waitlisted, { attendeeId: w.ben });
  const guestWaits = await joinWaitlist(deps, owner, orgId, waitlisted, { attendeeId: w.guest });
  expect((await leaveWaitlist(deps, owner, orgId, guestWaits.entryId)).status).toBe('removed');
  await cancelBooking(deps, ada, refOf(first));
  expect(await offerReleasedPlaces(deps, orgId, waitlisted)).toBe(1);
  expect((await acceptOffer(deps, ben, orgId, benWaits.entryId)).status).toBe('accepted');

  door1 = (await w.session(freeEventId, 'general', 10)).sessionId;
  const adaIn = await book(deps, ada, orgId, door1, { attendeeId: w.ada, seats: 1 });
  await book(deps, ben, orgId, door1, { attendeeId: w.ben, seats: 2 });
  const s = await deps.sessions.get(orgId, door1);
  const real = deps.clock;
  clockAt(deps, Date.parse(s!.startsAt) - 10 * 60_000);
  await admit(adaIn);
  await giveFeedback(deps, ada, orgId, freeEventId, {
    sessionId: door1,
    ratings: { overall: 4, content: 5 },
  });
  deps.clock = real;
}, 120_000);

type Item = Record<string, unknown>;

/** Every item of the table, read straight (a Scan: the test's recount, never the code's). */
const allItems = async (): Promise<Item[]> => {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await raw.send(
      new ScanCommand({ TableName: pw.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const dayIn = (at: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(at),
  );

/** A session's figures recounted from the raw items, in the shape the analytics give them. */
const recount = (items: Item[], session: Item, now: Date) => {
  const sessionId = session.sessionId as string;
  const of = (entity: string) => items.filter((i) => i.__edb_e__ === entity && i.sessionId === sessionId);
  const bookings = of('booking');
  const entries = of('waitlistEntry');
  const admissions = of('admission');
  const orders = of('paymentOrder');
  const feedback = of('feedback');
  const state = (status: string) => {
    const b = bookings.filter((x) => x.status === status);
    return { bookings: b.length, seats: b.reduce((n, x) => n + num(x.seats), 0) };
  };
  const confirmed = bookings.filter((b) => b.status === 'confirmed');
  const admitted = (bookingId: unknown) => admissions.filter((a) => a.bookingId === bookingId).length;
  const ended = Date.parse(session.endsAt as string) <= now.getTime();
  const days = new Map<string, { date: string; bookings: number; seats: number; confirmed: number }>();
  for (const b of bookings) {
    const date = dayIn(b.createdAt as string, session.timezone as string);
    const d = days.get(date) ?? { date, bookings: 0, seats: 0, confirmed: 0 };
    d.bookings += 1;
    d.seats += num(b.seats);
    d.confirmed += b.status === 'confirmed' ? 1 : 0;
    days.set(date, d);
  }
  const offered = entries.filter((e) => e.offeredAt !== undefined).length;
  const accepted = entries.filter((e) => e.status === 'accepted').length;
  const paidAmount = orders.reduce((n, o) => n + num(o.paidAmount), 0);
  const refundedAmount = orders.reduce((n, o) => n + num(o.refundedAmount), 0);
  const overall = feedback.map((f) => (f.ratings as { overall: number }).overall);
  return {
    sessionId,
    capacity: session.capacity,
    held: state('held'),
    confirmed: state('confirmed'),
    cancelled: state('cancelled'),
    expired: state('expired'),
    fillRate: num(session.capacity) === 0 ? null : state('confirmed').seats / num(session.capacity),
    registrationsByDay: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
    waitlist: {
      entries: entries.length,
      waiting: entries.filter((e) => e.status === 'waiting').length,
      offered,
      accepted,
      declined: entries.filter((e) => e.status === 'declined').length,
      expired: entries.filter((e) => e.status === 'expired').length,
      cancelled: entries.filter((e) => e.status === 'cancelled' || e.status === 'removed').length,
      conversionRate: offered === 0 ? null : accepted / offered,
    },
    checkins: {
      usesCheckin: admissions.length > 0,
      admittedTickets: admissions.length,
      admittedBookings: new Set(admissions.map((a) => a.bookingId)).size,
      insideNow: admissions.filter((a) => a.state === 'in').length,
    },
    noShows:
      ended && admissions.length > 0
        ? {
            bookings: confirmed.filter((b) => admitted(b.bookingId) === 0).length,
            seats: confirmed.reduce((n, b) => n + Math.max(0, num(b.seats) - admitted(b.bookingId)), 0),
          }
        : null,
    feedback: {
      count: feedback.length,
      mean: overall.length ? overall.reduce((a, b) => a + b, 0) / overall.length : null,
    },
    revenue: {
      paidOrders: orders.filter((o) => num(o.paidAmount) > 0).length,
      paidAmount,
      refundedOrders: orders.filter((o) => num(o.refundedAmount) > 0).length,
      refundedAmount,
      netAmount: paidAmount - refundedAmount,
    },
  };
};

/** The analytics of one session, in the recount's shape. */
const shaped = (s: EventAnalytics['sessions'][number]) => ({
  sessionId: s.sessionId,
  capacity: s.capacity,
  held: s.held,
  confirmed: s.confirmed,
  cancelled: s.cancelled,
  expired: s.expired,
  fillRate: s.fillRate,
  registrationsByDay: s.registrationsByDay,
  waitlist: s.waitlist,
  checkins: s.checkins,
  noShows: s.noShows,
  feedback: { count: s.feedback.count, mean: s.feedback.ratings.overall.mean },
  revenue: {
    paidOrders: s.revenue.paidOrders,
    paidAmount: s.revenue.paidAmount,
    refundedOrders: s.revenue.refundedOrders,
    refundedAmount: s.revenue.refundedAmount,
    netAmount: s.revenue.netAmount,
  },
});

/** Every session of the event recounted from the raw items, and their sum. */
const expectMatchesRaw = async (a: EventAnalytics, eventId: string, now: Date) => {
  const items = await allItems();
  const sessions = items.filter((i) => i.__edb_e__ === 'session' && i.eventId === eventId);
  const counted = sessions
    .map((s) => recount(items, s, now))
    .sort((x, y) => x.sessionId.localeCompare(y.sessionId));
  // Rates are given to four decimals.
  const rounded = counted.map((c) => ({
    ...c,
    fillRate: c.fillRate === null ? null : Math.round(c.fillRate * 10_000) / 10_000,
    waitlist: {
      ...c.waitlist,
      conversionRate:
        c.waitlist.conversionRate === null ? null : Math.round(c.waitlist.conversionRate * 10_000) / 10_000,
    },
  }));
  const got = a.sessions.map(shaped).sort((x, y) => x.sessionId.localeCompare(y.sessionId));
  expect(got).toEqual(rounded);
  const sum = (f: (c: (typeof counted)[number]) => number) => counted.reduce((n, c) => n + f(c), 0);
  expect(a.totals).toMatchObject({
    sessions: counted.length,
    capacity: sum((c) => num(c.capacity)),
    confirmed: { bookings: sum((c) => c.confirmed.bookings), seats: sum((c) => c.confirmed.seats) },
    held: { bookings: sum((c) => c.held.bookings), seats: sum((c) => c.held.seats) },
    cancelled: { bookings: sum((c) => c.cancelled.bookings), seats: sum((c) => c.cancelled.seats) },
    expired: { bookings: sum((c) => c.expired.bookings), seats: sum((c) => c.expired.seats) },
    revenue: {
      paidAmount: sum((c) => c.revenue.paidAmount),
      refundedAmount: sum((c) => c.revenue.refundedAmount),
    },
  });
  expect(a.totals.waitlist.accepted).toBe(sum((c) => c.waitlist.accepted));
  expect(a.totals.checkins.admittedTickets).toBe(sum((c) => c.checkins.admittedTickets));
  const feedbackItems = items.filter((i) => i.__edb_e__ === 'feedback' && i.eventId === eventId);
  expect(a.feedback.all.count).toBe(feedbackItems.length);
  return counted;
};

describe('an event refreshed on demand', () => {
  it('answers 404 until computed, then figures that match the raw items', async () => {
    expect(await codeOf(getEventAnalytics(pw.c.deps, owner, orgId, paidEventId))).toMatchObject({
      code: 'NOT_FOUND',
    });
    const now = new Date();
    const a = await refreshEventAnalytics(pw.c.deps, owner, orgId, paidEventId);
    const counted = await expectMatchesRaw(a, paidEventId, now);
    // The story told above, as the figures show it.
    const p = a.sessions.find((s) => s.sessionId === paid);
    expect(p).toMatchObject({
      confirmed: { bookings: 1, seats: 2 },
      held: { bookings: 1, seats: 2 },
      expired: { bookings: 1, seats: 1 },
      fillRate: 0.4,
      revenue: { currency: 'EUR', paidOrders: 1, refundedOrders: 1, refundedAmount: 500 },
    });
    expect(p?.revenue.netAmount).toBe((p?.revenue.paidAmount ?? 0) - 500);
    expect(counted.length).toBeGreaterThan(1);
    // The stored snapshot reads back as refreshed.
    expect(await getEventAnalytics(pw.c.deps, owner, orgId, paidEventId)).toEqual(a);
  });

  it("counts the waitlist's conversion, check-ins, no-shows once ended, and feedback", async () => {
    const s = await pw.c.deps.sessions.get(orgId, door1);
    const after = Date.parse(s!.endsAt) + 60_000;
    clockAt(pw.c.deps, after);
    const a = await refreshEventAnalytics(pw.c.deps, owner, orgId, freeEventId);
    await expectMatchesRaw(a, freeEventId, new Date(after));
    expect(a.sessions.find((x) => x.sessionId === waitlisted)).toMatchObject({
      waitlist: { entries: 2, offered: 1, accepted: 1, cancelled: 1, conversionRate: 1 },
      confirmed: { bookings: 1, seats: 1 },
      cancelled: { bookings: 1, seats: 1 },
    });
    const d = a.sessions.find((x) => x.sessionId === door1);
    expect(d).toMatchObject({
      checkins: { usesCheckin: true, admittedTickets: 1, admittedBookings: 1, insideNow: 1 },
      noShows: { bookings: 1, seats: 2 },
    });
    expect(d?.feedback.ratings.overall).toEqual({ count: 1, mean: 4 });
    expect(d?.feedback.ratings.content).toEqual({ count: 1, mean: 5 });
    expect(a.totals.noShows).toEqual({ bookings: 1, seats: 2 });
  });

  it('refuses callers without analytics.read', async () => {
    expect(await codeOf(refreshEventAnalytics(pw.c.deps, stranger, orgId, paidEventId))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('the nightly step', () => {
  it("rewrites a chunk's sessions from the facts, the same when run twice", async () => {
    const before = await getEventAnalytics(pw.c.deps, owner, orgId, paidEventId);
    // A new fact after the last refresh: another confirmed booking's places are paid for.
    const sale = await pw.saleIn(paid, 'stripe', { by: owner, attendeeId: pw.world.guest, seats: 1 });
    for (const d of pw.pay(sale)) expect(await pw.deliver(d)).toBe('applied');
    const s = await pw.c.deps.sessions.get(orgId, paid);
    expect(await refreshChunkAnalytics(pw.c.deps, orgId, [s!])).toBe(1);
    const once = await getEventAnalytics(pw.c.deps, owner, orgId, paidEventId);
    expect(once.sessions.find((x) => x.sessionId === paid)?.confirmed).toEqual({ bookings: 2, seats: 3 });
    expect(once.computedAt >= before.computedAt).toBe(true);
    await expectMatchesRaw(once, paidEventId, new Date());
    expect(await refreshChunkAnalytics(pw.c.deps, orgId, [s!])).toBe(1);
    const twice = await getEventAnalytics(pw.c.deps, owner, orgId, paidEventId);
    const { computedAt: _a, sessions: onceSessions, ...onceRest } = once;
    const { computedAt: _b, sessions: twiceSessions, ...twiceRest } = twice;
    expect(twiceRest).toEqual(onceRest);
    const noTime = (x: (typeof onceSessions)[number]) => ({ ...x, computedAt: '' });
    expect(twiceSessions.map(noTime)).toEqual(onceSessions.map(noTime));
  });

  it('leaves sessions being deleted alone', async () => {
    const s = await pw.c.deps.sessions.get(orgId, paid);
    expect(await refreshChunkAnalytics(pw.c.deps, orgId, [{ ...s!, deleting: true }])).toBe(0);
  });
});

describe('deletions', () => {
  const snapshot = async () =>
    (await allItems()).filter(
      (i) => i.__edb_e__ === 'analyticsSnapshot' && i.eventId === freeEventId && i.orgId === orgId,
    );
  const deleteAll = async (kind: 'event' | 'session', targetId: string) => {
    await pw.c.deps.deletions.createIfAbsent({
      orgId,
      targetId,
      kind,
      status: 'running',
      requestedBy: owner.sub,
      requestedAt: new Date().toISOString(),
      completedAt: null,
      deletedItems: 0,
    });
    while ((await runDeletionStep(pw.c.deps, orgId, targetId)) === 'more') {}
  };

  it('a refresh that read before a deletion began writes nothing once the event or session is marked', async () => {
    const scopes = async () => (await snapshot()).map((i) => i.scope).sort();
    const before = await scopes();
    const sessions = (await pw.c.deps.sessions.listByEvent(orgId, freeEventId, { limit: 100 })).items;
    const [first, second] = sessions;
    // A session marked after the refresh read it: its figures are left out, the others written.
    await pw.c.deps.sessions.markDeleting(orgId, first!.sessionId, new Date().toISOString());
    const written = await refreshSessions(pw.c.deps, orgId, freeEventId, [first!, second!]);
    expect(written?.map((x) => x.sessionId).sort()).toEqual([first!.sessionId, second!.sessionId].sort());
    const stored = await getEventAnalytics(pw.c.deps, owner, orgId, freeEventId);
    expect(stored.sessions.find((x) => x.sessionId === second!.sessionId)?.computedAt).toBe(
      written?.find((x) => x.sessionId === second!.sessionId)?.computedAt,
    );
    expect(stored.sessions.find((x) => x.sessionId === first!.sessionId)?.computedAt).not.toBe(
      written?.find((x) => x.sessionId === first!.sessionId)?.computedAt,
    );
    await pw.c.deps.sessions.unmarkDeleting(orgId, first!.sessionId, new Date().toISOString());
    // The event marked after the refresh read it: nothing is written.
    const event = await pw.c.deps.events.get(orgId, freeEventId);
    await pw.c.deps.events.markDeleting(event!, new Date().toISOString());
    const head = (await snapshot()).find((i) => i.scope === 'event')?.computedAt;
    expect(await refreshSessions(pw.c.deps, orgId, freeEventId, [second!])).toBeUndefined();
    expect((await snapshot()).find((i) => i.scope === 'event')?.computedAt).toBe(head);
    await expect(refreshEventAnalytics(pw.c.deps, owner, orgId, freeEventId)).rejects.toMatchObject({
      code: 'EVENT_DELETING',
    });
    await pw.c.deps.events.unmarkDeleting(event!, new Date().toISOString());
    expect(await scopes()).toEqual(before);
  });

  it("of a session takes its figures out of the event's snapshot", async () => {
    const scopes = async () => (await snapshot()).map((i) => i.scope).sort();
    expect(await scopes()).toContain(waitlisted);
    const others = (await scopes()).filter((x) => x !== waitlisted);
    await deleteAll('session', waitlisted);
    expect(await scopes()).toEqual(others);
  });

  it('of the event removes its analytics snapshot', async () => {
    expect((await snapshot()).length).toBeGreaterThan(1);
    // The cascade removes the event's sessions with their bookings first, then the event's own items.
    await deleteAll('event', freeEventId);
    expect(await snapshot()).toEqual([]);
    expect(await pw.c.deps.events.get(orgId, freeEventId)).toBeUndefined();
  });
});
