import type { Interval } from './forecast-types.js';

/**
 * What a session's fill forecast means for each of its ticket categories: the places the forecast
 * still expects (its confirmed places at the start, less those already live) shared out by the
 * session's sales mix so far (each category's share of the places taken), or, before any sale, by
 * the categories' quotas; each capped at its quota. An allocation of the learned fill, not a model
 * learned per category: a category that sells out does not pass what it would have sold on.
 */

export interface OutlookCategory {
  categoryId: string;
  name: string;
  /** Places of the session it may sell; null: only the capacity bounds it. */
  quota: number | null;
}

export interface CategoryOutlookInput {
  capacity: number;
  /** The forecast's confirmed places at the start, as a share of capacity. */
  fillRate: Interval;
  categories: readonly OutlookCategory[];
  /** Places each category's live bookings hold now. */
  taken: ReadonlyMap<string, number>;
}

export type SellOut = 'likely' | 'possible' | 'unlikely';

export interface CategoryOutlook extends OutlookCategory {
  taken: number;
  /** Places expected sold at the start: the forecast's value and 80% interval, whole places. */
  expectedPlaces: Interval;
  /** Under a quota: reached by the expected value (likely), only by the interval's top (possible), or not; null without one. */
  sellOut: SellOut | null;
}

/** Each category's weight in what is left to sell: its sales so far, else its quota (an even share of what quotas leave). */
const weightsOf = (input: CategoryOutlookInput): number[] => {
  const { categories, taken, capacity } = input;
  const sold = categories.map((c) => taken.get(c.categoryId) ?? 0);
  if (sold.some((n) => n > 0)) return sold;
  const quotas = categories.reduce((n, c) => n + (c.quota ?? 0), 0);
  const open = categories.filter((c) => c.quota === null).length;
  const unquoted = open > 0 ? Math.max(0, capacity - quotas) / open : 0;
  return categories.map((c) => c.quota ?? unquoted);
};

export const categoryOutlook = (input: CategoryOutlookInput): CategoryOutlook[] => {
  const { categories, taken, capacity, fillRate } = input;
  const weights = weightsOf(input);
  const total = weights.reduce((n, w) => n + w, 0);
  const live = categories.reduce((n, c) => n + (taken.get(c.categoryId) ?? 0), 0);
  const expected = (rate: number) => (c: OutlookCategory, i: number) => {
    const now = taken.get(c.categoryId) ?? 0;
    const left = Math.max(0, rate * capacity - live);
    const share = total > 0 ? (weights[i] ?? 0) / total : 0;
    return Math.min(c.quota ?? capacity, Math.round(now + left * share));
  };
  return categories.map((c, i) => {
    const now = taken.get(c.categoryId) ?? 0;
    const value = expected(fillRate.value)(c, i);
    const high = expected(fillRate.high)(c, i);
    const expectedPlaces = { value, low: expected(fillRate.low)(c, i), high };
    const sellOut: SellOut | null =
      c.quota === null ? null : value >= c.quota ? 'likely' : high >= c.quota ? 'possible' : 'unlikely';
    return { ...c, taken: now, expectedPlaces, sellOut };
  });
};
