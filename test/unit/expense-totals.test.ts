import { describe, expect, it } from 'vitest';
import { totalsDelta } from '../../functions/modules/expenses/domain/model.js';
import { summarize } from '../../functions/modules/expenses/domain/summary.js';

/** The pure rules of expense totals: how a write moves them, and how they are summed. */

const base = { currency: 'EUR', category: 'catering', status: 'pending', amountMinor: 500 } as const;

describe('totalsDelta', () => {
  it('adds a new expense to its pending tally', () => {
    expect(totalsDelta(null, base)).toEqual([
      { currency: 'EUR', category: 'catering', status: 'pending', count: 1, amountMinor: 500 },
    ]);
  });

  it('moves a decided expense from one status to another of the same item', () => {
    expect(totalsDelta(base, { ...base, status: 'approved' })).toEqual([
      { currency: 'EUR', category: 'catering', status: 'pending', count: -1, amountMinor: -500 },
      { currency: 'EUR', category: 'catering', status: 'approved', count: 1, amountMinor: 500 },
    ]);
  });

  it('merges an amount change into one delta, and drops a change of nothing', () => {
    expect(totalsDelta(base, { ...base, amountMinor: 800 })).toEqual([
      { currency: 'EUR', category: 'catering', status: 'pending', count: 0, amountMinor: 300 },
    ]);
    expect(totalsDelta(base, base)).toEqual([]);
  });

  it('moves an edited expense between currencies and categories', () => {
    expect(totalsDelta(base, { ...base, currency: 'USD', category: 'travel' })).toEqual([
      { currency: 'EUR', category: 'catering', status: 'pending', count: -1, amountMinor: -500 },
      { currency: 'USD', category: 'travel', status: 'pending', count: 1, amountMinor: 500 },
    ]);
  });
});

describe('summarize', () => {
  it('lists every category per currency and sums approved and paid as committed', () => {
    const tally = (count: number, amountMinor: number) => ({ count, amountMinor });
    const summary = summarize('evt', [
      {
        currency: 'EUR',
        category: 'venue',
        pending: tally(1, 10),
        approved: tally(2, 20),
        rejected: tally(0, 0),
        paid: tally(1, 5),
      },
      {
        currency: 'EUR',
        category: 'travel',
        pending: tally(0, 0),
        approved: tally(1, 7),
        rejected: tally(3, 9),
        paid: tally(0, 0),
      },
    ]);
    expect(summary.currencies).toHaveLength(1);
    const [eur] = summary.currencies;
    expect(eur!.categories).toHaveLength(7);
    expect(eur!.categories.find((c) => c.category === 'venue')!.committed).toEqual(tally(3, 25));
    expect(eur!.categories.find((c) => c.category === 'catering')!.pending).toEqual(tally(0, 0));
    expect(eur!.total).toEqual({
      pending: tally(1, 10),
      approved: tally(3, 27),
      rejected: tally(3, 9),
      paid: tally(1, 5),
      committed: tally(4, 32),
    });
  });
});
