import { describe, expect, it } from 'vitest';
import { categoryOutlook } from '../../functions/modules/forecasts/domain/category-outlook.js';

/** What a session's fill forecast means for each ticket category. */

const vip = { categoryId: 'vip', name: 'VIP', quota: 10 };
const std = { categoryId: 'std', name: 'Standard', quota: 60 };
const door = { categoryId: 'door', name: 'Door', quota: null };

describe('category outlook of a session forecast', () => {
  it('shares what is left to sell by the sales mix so far, capped at each quota', () => {
    const out = categoryOutlook({
      capacity: 100,
      fillRate: { value: 0.8, low: 0.6, high: 1 },
      categories: [vip, std],
      // 40 live: 8 VIP, 32 Standard (a 1:4 mix); the forecast expects 80, so 40 more.
      taken: new Map([
        ['vip', 8],
        ['std', 32],
      ]),
    });
    expect(out).toEqual([
      // 8 + 40/5 = 16, capped at 10; the interval's low end already reaches the quota: 8 + 20/5 = 12.
      { ...vip, taken: 8, expectedPlaces: { value: 10, low: 10, high: 10 }, sellOut: 'likely' },
      // 32 + 32 = 64, capped at 60; low: 32 + 16 = 48; high: 32 + 48 = 80, capped.
      { ...std, taken: 32, expectedPlaces: { value: 60, low: 48, high: 60 }, sellOut: 'likely' },
    ]);
  });

  it('before any sale, shares by quota, what the quotas leave going evenly to categories without one', () => {
    const out = categoryOutlook({
      capacity: 100,
      fillRate: { value: 0.5, low: 0.3, high: 0.9 },
      categories: [vip, std, door],
      taken: new Map(),
    });
    // Weights 10 : 60 : 30 of the 50 expected places.
    expect(out.map((c) => [c.categoryId, c.expectedPlaces, c.sellOut])).toEqual([
      ['vip', { value: 5, low: 3, high: 9 }, 'unlikely'],
      ['std', { value: 30, low: 18, high: 54 }, 'unlikely'],
      ['door', { value: 15, low: 9, high: 27 }, null],
    ]);
  });

  it('never expects fewer places than are live, nor more than the quota or the capacity', () => {
    const out = categoryOutlook({
      capacity: 20,
      fillRate: { value: 0.2, low: 0.1, high: 0.5 },
      categories: [
        { categoryId: 'a', name: 'A', quota: 5 },
        { categoryId: 'b', name: 'B', quota: null },
      ],
      // 9 live already, more than the forecast's 4: nothing more is expected.
      taken: new Map([
        ['a', 5],
        ['b', 4],
      ]),
    });
    expect(out.map((c) => [c.expectedPlaces.low, c.expectedPlaces.value, c.sellOut])).toEqual([
      [5, 5, 'likely'],
      [4, 4, null],
    ]);
    expect(out[1]?.expectedPlaces.high).toBeLessThanOrEqual(20);
    // The interval's top (10 places) leaves one to share: B's share of it rounds to 0 or 1.
    expect(out[1]?.expectedPlaces.high).toBeGreaterThanOrEqual(4);
  });
});
