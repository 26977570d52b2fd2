import { describe, expect, it } from 'vitest';
import {
  datesEvent,
  inWindow,
  priceFilterIssues,
  priceMatches,
} from '../../functions/modules/discovery/domain/filters.js';
import type { TicketCategory } from '../../functions/modules/pricing/domain/category-model.js';
import { cheapestOnSale } from '../../functions/modules/pricing/domain/ticket-choice.js';

/** The search's pure filters (price and currency, dates of undated events) and the cheapest ticket on sale. */

const now = '2030-06-01T12:00:00.000Z';

const category = (c: Partial<TicketCategory>): TicketCategory => ({
  orgId: 'org_1',
  eventId: 'evt_1',
  categoryId: `cat_${c.name ?? 'x'}`,
  name: 'x',
  description: null,
  priceMinor: 1000,
  currency: 'EUR',
  quota: null,
  salesStartAt: null,
  salesEndAt: null,
  visibility: 'public',
  minPerOrder: 1,
  maxPerOrder: 10,
  priceSteps: [],
  sortOrder: 0,
  createdAt: now,
  updatedAt: now,
  ...c,
});

describe('the cheapest ticket on sale', () => {
  it('takes public categories in their sale window, with the date steps reached', () => {
    const cheapest = cheapestOnSale(
      [
        category({ name: 'standard', priceMinor: 2500 }),
        // 800 until May 2030, 1500 since: its price now is 1500.
        category({
          name: 'early',
          priceMinor: 800,
          priceSteps: [{ kind: 'from_date', from: '2030-05-01T00:00:00.000Z', unitAmount: 1500 }],
        }),
        // Steps after N sold are each session's: a first place costs the base price.
        category({
          name: 'group',
          priceMinor: 1200,
          priceSteps: [{ kind: 'after_sold', afterSold: 5, unitAmount: 3000 }],
        }),
        category({ name: 'friends', priceMinor: 100, visibility: 'hidden' }),
        category({ name: 'later', priceMinor: 200, salesStartAt: '2030-07-01T00:00:00.000Z' }),
        category({ name: 'gone', priceMinor: 300, salesEndAt: now }),
      ],
      now,
    );
    expect(cheapest).toEqual({ priceMinor: 1200, currency: 'EUR' });
    expect(cheapestOnSale([category({ visibility: 'hidden' })], now)).toBeUndefined();
  });
});

describe('the price filter', () => {
  const eur = (priceMinor: number, onSale = true) => ({ priceMinor, currency: 'EUR', onSale });
  it('compares the price on sale in the asked currency; free events match any currency', () => {
    expect(priceMatches(eur(900), { maxPriceMinor: 1000, currency: 'EUR' })).toBe(true);
    expect(priceMatches(eur(1100), { maxPriceMinor: 1000, currency: 'EUR' })).toBe(false);
    expect(priceMatches(eur(900), { maxPriceMinor: 1000, currency: 'USD' })).toBe(false);
    expect(priceMatches(eur(900, false), { maxPriceMinor: 1000, currency: 'EUR' })).toBe(false);
    expect(priceMatches(eur(900), { currency: 'EUR' })).toBe(true);
    const free = { priceMinor: 0, currency: null, onSale: true };
    expect(priceMatches(free, { currency: 'USD' })).toBe(true);
    expect(priceMatches(free, { maxPriceMinor: 0 })).toBe(true);
    expect(priceMatches(eur(1), { maxPriceMinor: 0 })).toBe(false);
  });

  it('needs a currency beside a maximum above 0', () => {
    expect(priceFilterIssues({ maxPriceMinor: 1000 }).map((i) => i.field)).toEqual(['currency']);
    expect(priceFilterIssues({ maxPriceMinor: 0 })).toEqual([]);
    expect(priceFilterIssues({ maxPriceMinor: 1000, currency: 'EUR' })).toEqual([]);
  });
});

describe('dates', () => {
  const session = (startsAt: string, endsAt: string, status = 'scheduled') => ({
    status,
    deleting: false,
    startsAt,
    endsAt,
  });
  it('dates an undated event by a session not over, or one starting in the range', () => {
    const past = session('2030-05-01T10:00:00.000Z', '2030-05-01T12:00:00.000Z');
    const underWay = session('2030-06-01T11:00:00.000Z', '2030-06-01T13:00:00.000Z');
    expect(datesEvent(past, {}, now)).toBe(false);
    expect(datesEvent(underWay, {}, now)).toBe(true);
    expect(datesEvent({ ...underWay, status: 'cancelled' }, {}, now)).toBe(false);
    expect(datesEvent(past, { from: '2030-05-01T00:00:00.000Z', to: '2030-05-02T00:00:00.000Z' }, now)).toBe(
      true,
    );
    expect(datesEvent(underWay, { to: '2030-06-01T11:00:00.000Z' }, now)).toBe(false);
  });

  it('leaves out an event over by its own end, and leaves undated ones to their sessions', () => {
    expect(
      inWindow({ startsAt: '2030-05-01T10:00:00.000Z', endsAt: '2030-06-02T00:00:00.000Z' }, {}, now),
    ).toBe(true);
    expect(inWindow({ startsAt: '2030-05-01T10:00:00.000Z', endsAt: null }, {}, now)).toBe(false);
    expect(inWindow({ startsAt: null, endsAt: null }, { from: now }, now)).toBe(true);
  });
});
