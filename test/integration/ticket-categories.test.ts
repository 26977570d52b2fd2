import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { cancelBooking } from '../../functions/modules/bookings/domain/bookings-changes.js';
import { createAttendee } from '../../functions/modules/people/domain/attendees.js';
import {
  type CategoryInput,
  createCategory,
  updateCategory,
} from '../../functions/modules/pricing/domain/categories.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { sessionFingerprints } from '../../scripts/invariants/fingerprint.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { readSessions } from '../../scripts/invariants/session-read.js';
import { checkedEntities, toSnapshot } from '../../scripts/invariants/snapshot.js';
import {
  ada,
  bookingWorld,
  codeOf,
  counterOf,
  owner,
  publishedEventAt,
  refOf,
  repeatBookings,
} from './booking-world.js';
import { freshContainer, retryingBusy } from './fixtures.js';
import { expectInvariantsHold } from './invariants-script.js';

/**
 * Ticket categories on DynamoDB Local: their rules, bookings that name them (a party mixing
 * them), quotas inside the session's capacity, price steps, places given back, and quotas that
 * hold under 500 bookings at once.
 */
describe('ticket categories', () => {
  let c: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;

  const category = (eventId: string, input: Partial<CategoryInput> & Pick<CategoryInput, 'name'>) =>
    createCategory(c.deps, owner, w.orgId, eventId, { priceMinor: 0, currency: 'EUR', ...input });

  const takenOf = async (sessionId: string) => c.deps.categories.countsOf(w.orgId, sessionId);

  beforeAll(async () => {
    c = await freshContainer();
    w = await bookingWorld(c);
  });

  it('refuses a category that breaks its rules, naming the field', async () => {
    const eventId = await publishedEventAt(
      c,
      w.orgId,
      (await c.deps.events.get(w.orgId, w.paidEventId))!.venueId,
      {
        price: { kind: 'paid', amountMinor: 1500, currency: 'EUR' },
      },
    );
    const refused = async (input: Partial<CategoryInput>) =>
      (await codeOf(category(eventId, { name: 'X', ...input }))).details;
    expect(await refused({ currency: 'USD' })).toMatchObject({ errors: [{ field: 'currency' }] });
    expect(
      await refused({ salesStartAt: '2030-01-02T00:00:00.000Z', salesEndAt: '2030-01-01T00:00:00.000Z' }),
    ).toMatchObject({ errors: [{ field: 'salesEndAt' }] });
    expect(await refused({ minPerOrder: 4, maxPerOrder: 2 })).toMatchObject({
      errors: [{ field: 'minPerOrder' }],
    });
    expect(
      await refused({
        priceMinor: 2000,
        priceSteps: [{ kind: 'after_sold', afterSold: 3, unitAmount: 1000 }],
      }),
    ).toMatchObject({ errors: [{ field: 'priceSteps.0.unitAmount' }] });
    await category(eventId, { name: 'Standard', priceMinor: 1500 });
    expect(await refused({ name: 'standard' })).toMatchObject({ errors: [{ field: 'name' }] });
  });

  it('holds one currency, unique names and at most 20 categories when created at once', async () => {
    const venueId = (await c.deps.events.get(w.orgId, w.paidEventId))!.venueId;
    const eventId = await publishedEventAt(c, w.orgId, venueId);
    const settled = (inputs: (Partial<CategoryInput> & Pick<CategoryInput, 'name'>)[]) =>
      Promise.allSettled(inputs.map((input) => category(eventId, input)));
    const refusedFields = (results: PromiseSettledResult<unknown>[]) =>
      results.flatMap((r) =>
        r.status === 'rejected' ? [(r.reason as { details: { errors?: { field: string }[] } }).details] : [],
      );

    // A free event: its first category sets the currency; two in different currencies at once.
    const currencies = await settled([
      { name: 'Euro', currency: 'EUR', priceMinor: 1000 },
      { name: 'Yen', currency: 'JPY', priceMinor: 1500 },
    ]);
    expect(currencies.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refusedFields(currencies)).toMatchObject([{ errors: [{ field: 'currency' }] }]);
    const currency = (await c.deps.categories.listByEvent(w.orgId, eventId))[0]!.currency;

    const names = await settled([1, 2, 3].map(() => ({ name: 'Balcony', currency })));
    expect(names.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refusedFields(names)).toMatchObject([
      { errors: [{ field: 'name' }] },
      { errors: [{ field: 'name' }] },
    ]);

    // 19 exist: three more at once, of which one fits.
    for (let i = 0; i < 17; i++) await category(eventId, { name: `Row ${i}`, currency });
    const last = await settled(['X', 'Y', 'Z'].map((name) => ({ name, currency })));
    expect(last.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of last) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT' });
    expect(await c.deps.categories.listByEvent(w.orgId, eventId)).toHaveLength(20);
  });

  it('books a party across two categories, each priced and counted on its own', async () => {
    const eventId = w.paidEventId;
    const vip = await category(eventId, { name: 'VIP', priceMinor: 4500, quota: 2 });
    const std = await category(eventId, { name: 'Standard', priceMinor: 1500, quota: 4 });
    const s = await w.session(eventId, 'general', 5);
    const booking = await book(c.deps, owner, w.orgId, s.sessionId, {
      partyId: w.partyId,
      tickets: [
        { categoryId: vip.categoryId, seats: 1 },
        { categoryId: std.categoryId, seats: 2 },
      ],
    });
    expect(booking.seats).toBe(3);
    expect(booking.status).toBe('held');
    expect(booking.tickets).toEqual([
      { categoryId: vip.categoryId, name: 'VIP', seats: 1, unitAmount: 4500, currency: 'EUR' },
      { categoryId: std.categoryId, name: 'Standard', seats: 2, unitAmount: 1500, currency: 'EUR' },
    ]);
    expect((await c.deps.bookings.get(refOf(booking)))?.tickets).toEqual(booking.tickets);
    const counts = await takenOf(s.sessionId);
    expect(counts.get(vip.categoryId)).toMatchObject({ taken: 1, quota: 2, left: 1 });
    expect(counts.get(std.categoryId)).toMatchObject({ taken: 2, quota: 4, left: 2 });

    // VIP has one place left: two are refused by its quota, though the session has two.
    expect(
      await codeOf(
        book(c.deps, owner, w.orgId, s.sessionId, {
          attendeeId: w.guest,
          tickets: [{ categoryId: vip.categoryId, seats: 2 }],
        }),
      ),
    ).toMatchObject({
      code: 'CATEGORY_SOLD_OUT',
      details: { categoryId: vip.categoryId, left: 1, asked: 2 },
    });
    // Nothing of the refused booking stayed taken.
    expect((await takenOf(s.sessionId)).get(vip.categoryId)).toMatchObject({ taken: 1, left: 1 });

    // Cancelling gives the categories their places back, in the cancellation's transaction.
    await cancelBooking(c.deps, owner, refOf(booking));
    const after = await takenOf(s.sessionId);
    expect(after.get(vip.categoryId)).toMatchObject({ taken: 0, left: 2 });
    expect(after.get(std.categoryId)).toMatchObject({ taken: 0, left: 4 });
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ available: 5 });
  });

  it('asks which category when several are on sale, and refuses unknown, hidden, duplicate and out-of-window ones', async () => {
    const eventId = await publishedEventAt(
      c,
      w.orgId,
      (await c.deps.events.get(w.orgId, w.freeEventId))!.venueId,
    );
    const open = await category(eventId, { name: 'Open' });
    await category(eventId, { name: 'Other' });
    const hidden = await category(eventId, { name: 'Crew', visibility: 'hidden' });
    const later = await category(eventId, { name: 'Later', salesStartAt: '2099-01-01T00:00:00.000Z' });
    const s = await w.session(eventId, 'general', 5);
    const self = (tickets?: { categoryId: string; seats: number }[]) =>
      codeOf(book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, ...(tickets ? { tickets } : {}) }));
    expect(await self()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'tickets' }] },
    });
    expect(await self([{ categoryId: 'cat_00000000000000000000', seats: 1 }])).toMatchObject({
      details: { errors: [{ field: 'tickets.0.categoryId' }] },
    });
    // A hidden category is unknown to those it was not unlocked for, and open to staff.
    expect(await self([{ categoryId: hidden.categoryId, seats: 1 }])).toMatchObject({
      details: { errors: [{ field: 'tickets.0.categoryId' }] },
    });
    expect(
      await self([
        { categoryId: open.categoryId, seats: 1 },
        { categoryId: open.categoryId, seats: 1 },
      ]),
    ).toMatchObject({ details: { errors: [{ field: 'tickets.1.categoryId' }] } });
    expect(await self([{ categoryId: later.categoryId, seats: 1 }])).toMatchObject({
      code: 'CATEGORY_NOT_ON_SALE',
    });
    const crew = await book(c.deps, owner, w.orgId, s.sessionId, {
      attendeeId: w.guest,
      tickets: [{ categoryId: hidden.categoryId, seats: 1 }],
    });
    expect(crew.status).toBe('confirmed');
  });

  it('raises the price from the step on, and sells no place of a step at the price before it', async () => {
    const eventId = w.paidEventId;
    const s = await w.session(eventId, 'general', 5);
    const early = await category(eventId, {
      name: 'Early',
      priceMinor: 1000,
      priceSteps: [{ kind: 'after_sold', afterSold: 2, unitAmount: 2000 }],
    });
    const buy = (seats: number) =>
      book(c.deps, owner, w.orgId, s.sessionId, {
        attendeeId: w.guest,
        tickets: [{ categoryId: early.categoryId, seats }],
      });
    // Two places at the first price: the booking started before the step pays the old price.
    expect((await buy(2)).tickets[0]?.unitAmount).toBe(1000);
    expect((await buy(1)).tickets[0]?.unitAmount).toBe(2000);
  });

  it('applies a lowered quota at the next booking, never below what is taken', async () => {
    const eventId = await publishedEventAt(
      c,
      w.orgId,
      (await c.deps.events.get(w.orgId, w.freeEventId))!.venueId,
      { settings: repeatBookings },
    );
    const cat = await category(eventId, { name: 'Only', quota: 4 });
    const s = await w.session(eventId, 'general', 5);
    const buy = (seats: number) =>
      book(c.deps, owner, w.orgId, s.sessionId, {
        attendeeId: w.guest,
        tickets: [{ categoryId: cat.categoryId, seats }],
      });
    await buy(2);
    await updateCategory(c.deps, owner, w.orgId, eventId, cat.categoryId, { quota: 3 });
    expect(await codeOf(buy(2))).toMatchObject({ code: 'CATEGORY_SOLD_OUT', details: { left: 1 } });
    await buy(1);
    expect((await takenOf(s.sessionId)).get(cat.categoryId)).toMatchObject({ taken: 3, quota: 3, left: 0 });
    await updateCategory(c.deps, owner, w.orgId, eventId, cat.categoryId, { quota: 2 });
    expect(await codeOf(buy(1))).toMatchObject({ code: 'CATEGORY_SOLD_OUT', details: { left: 0 } });
    expect((await takenOf(s.sessionId)).get(cat.categoryId)).toMatchObject({ taken: 3, quota: 3, left: 0 });
  });

  it('500 bookings across three categories at once: no quota and no capacity exceeded, none falsely sold out', async () => {
    const eventId = await publishedEventAt(
      c,
      w.orgId,
      (await c.deps.events.get(w.orgId, w.freeEventId))!.venueId,
    );
    const quotas = [20, 25, 30];
    const cats = await Promise.all(quotas.map((quota, i) => category(eventId, { name: `C${i}`, quota })));
    const s = await w.session(eventId, 'general', 60);
    const people: string[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      const made = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          createAttendee(c.deps, owner, w.orgId, { firstName: `P${batch}-${i}`, lastName: 'Crowd' }),
        ),
      );
      people.push(...made.map((a) => a.attendeeId));
    }
    const outcomes = await Promise.all(
      people.map((attendeeId, i) => {
        const cat = cats[i % 3]!;
        return retryingBusy(() =>
          book(c.deps, owner, w.orgId, s.sessionId, {
            attendeeId,
            tickets: [{ categoryId: cat.categoryId, seats: 1 }],
          }),
        ).then(
          (b) => ({ ok: true as const, categoryId: b.tickets[0]?.categoryId }),
          (err: { code?: string }) => ({ ok: false as const, code: err.code ?? String(err) }),
        );
      }),
    );
    const refusals = new Set(outcomes.flatMap((o) => (o.ok ? [] : [o.code])));
    expect([...refusals].every((code) => ['CAPACITY_EXHAUSTED', 'CATEGORY_SOLD_OUT'].includes(code))).toBe(
      true,
    );
    const sold = outcomes.filter((o) => o.ok);
    expect(sold).toHaveLength(60);
    const counts = await takenOf(s.sessionId);
    cats.forEach((cat, i) => {
      const booked = sold.filter((o) => o.categoryId === cat.categoryId).length;
      expect(booked).toBeLessThanOrEqual(quotas[i]!);
      expect(counts.get(cat.categoryId)).toMatchObject({ taken: booked, left: quotas[i]! - booked });
    });
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ available: 0, confirmed: 60 });
    await expectInvariantsHold(c.tableName);
    const location = { tableName: c.tableName, endpoint: process.env.DYNAMODB_ENDPOINT as string };
    const scanned = await scanTable(location);
    const report = checkInvariants(scanned);
    expect(report.checks).toEqual(expect.arrayContaining(['category-balanced', 'category-matches-bookings']));
    expect(report.violations).toEqual([]);
    // The checker's re-read of a session by its partitions finds the category counters the scan does.
    const checked = await scanTable(location, checkedEntities());
    expect(checked.some((item) => item.__edb_e__ === 'categoryCounter')).toBe(true);
    const refs = toSnapshot(checked).sessions.map(({ orgId, sessionId }) => ({ orgId, sessionId }));
    expect(sessionFingerprints(await readSessions(location, refs))).toEqual(sessionFingerprints(checked));
  }, 120_000);
});
