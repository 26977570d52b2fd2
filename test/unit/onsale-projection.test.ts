import { describe, expect, it } from 'vitest';
import { type RoledItem, roleKeysOf, withRoles } from '../../scripts/onsale-load/item-roles.js';
import { effectiveTries, type ProjectionInput, project } from '../../scripts/onsale-load/projection.js';

const org = 'org_aaaaaaaaaaaaaaaaaaaa';
const ses = 'ses_bbbbbbbbbbbbbbbbbbbb';
const att = 'att_cccccccccccccccccccc';
const keys = roleKeysOf(org, ses, [att]);

/** An item written in transactions of 2 units each (1 KB or less), unless `single` says otherwise. */
const item = (pk: string, sk: string, writeUnits: number, conflicts = 0, single = false): RoledItem =>
  withRoles(
    [
      {
        label: `t ${pk} ${sk}`,
        writeUnits,
        peakUnitsPerSecond: 0,
        transactionalWrites: single ? 0 : writeUnits / 2,
        singleWrites: single ? writeUnits : 0,
        conflicts,
        throttles: 0,
      },
    ],
    keys,
  )[0]!;

/** `bookings` bookings spread evenly over `shards` counter items, each with its own booking item. */
const run = (shards: number, bookings: number, extra: RoledItem[] = []): ProjectionInput => {
  const counters = Array.from({ length: shards }, (_, i) =>
    item(
      i === 0 ? `${org}#session#${ses}#counter` : `${org}#session#${ses}#counter#${i}`,
      'counter',
      (2 * bookings) / shards,
    ),
  );
  const booked = Array.from({ length: bookings }, (_, i) =>
    item(`${org}#session#${ses}#bookings`, `bkg_${i}`, 2),
  );
  return {
    confirmedBookings: bookings,
    seconds: 10,
    // Half the tries refused and 0.5^4 of the requests answered 503: 4 tries acted as independent.
    tryConflictRate: 0.5,
    requests: 10_000,
    unavailable: 625,
    items: [...counters, ...booked, ...extra],
    holdMs: 10,
    unavailableBudget: 0.01,
    orgSessions: 10,
    itemUnitsPerSecond: 1000,
  };
};

describe('the on-sale projection', () => {
  it('tells counter, session, buyer and shared items apart by their keys', () => {
    expect(item(`${org}#session#${ses}#counter`, 'counter', 2).role).toBe('counter');
    expect(item(`${org}#session#${ses}#counter#7`, 'counter', 2).role).toBe('counter');
    expect(item(`${org}#session#${ses}#bookings`, 'bkg_1', 2).role).toBe('session');
    expect(item(`${org}#session#${ses}`, 'session', 2).role).toBe('session');
    expect(item(`${org}#attendees`, att, 2).role).toBe('buyer');
    expect(item(`${org}#session#ses_other0000000000000#counter`, 'counter', 2).role).toBe('shared');
    expect(item(org, 'organization', 2).role).toBe('shared');
  });

  it('bounds one counter item by its write units and its hold', () => {
    const p = project(run(1, 5000));
    // 2 units per booking on one item: 500 a second; a try may be refused 0.01^(1/4) of the time,
    // so the item commits 0.316 / 0.010 s a second.
    expect(p.bounds.writeUnits).toBe(500);
    expect(p.toleratedConflictRate).toBeCloseTo(0.3162, 4);
    expect(p.commitsPerCounterPerSecond).toBe(31.6);
    expect(p.bounds.conflicts).toBe(32);
    expect(p.perSecond.session).toBe(32);
    expect(p.perSecond.organization).toBe(316);
  });

  it('multiplies both bounds by the counter items the bookings spread over', () => {
    const p = project(run(25, 5000));
    expect(p.shards).toBe(25);
    expect(p.effectiveShards).toBe(25);
    expect(p.bounds.writeUnits).toBe(12_500);
    // Each item's first transaction opened it, once: 199 of its 200 recur with the bookings.
    expect(p.openingTransactions).toBe(25);
    expect(p.bounds.conflicts).toBe(795);
    expect(p.perSecond.session).toBe(795);
    // Unsplit, the session's bookings share one partition: 2 units per booking, 500 a second.
    expect(p.unsplit.hottestSessionPartition?.writeUnitsPerBooking).toBe(2);
    expect(p.unsplit.perSecond.session).toBe(500);
  });

  it('is bounded by the busiest counter item when the spread is uneven', () => {
    const input = run(2, 1000);
    const [first, second] = input.items as RoledItem[];
    const uneven = {
      ...input,
      items: [
        { ...first!, writeUnits: 1800, transactionalWrites: 900 },
        { ...second!, writeUnits: 200, transactionalWrites: 100 },
      ],
    };
    const p = project(uneven);
    // 900 of the 1,000 bookings on one item: 1.8 units per booking there.
    expect(p.bounds.writeUnits).toBe(556);
    expect(p.effectiveShards).toBe(1.11);
  });

  it('does not bound by conflicts counter items that bookings write by single writes, only by units', () => {
    const input = run(25, 5000);
    const counters = Array.from({ length: 25 }, (_, i) =>
      item(
        i === 0 ? `${org}#session#${ses}#counter` : `${org}#session#${ses}#counter#${i}`,
        'counter',
        200,
        0,
        true,
      ),
    );
    const p = project({ ...input, items: [...counters, ...input.items.filter((i) => i.role !== 'counter')] });
    expect(p.counterWritesPerBooking).toBe(1);
    expect(p.counterTransactionsPerBooking).toBe(0);
    expect(p.bounds.conflicts).toBeNull();
    // One unit per booking, each item taking a 25th of them: 0.04 units per booking, 1,000 / 0.04.
    expect(p.bounds.writeUnits).toBe(25_000);
    expect(p.perSecond.session).toBe(25_000);
    // Moves of places in transactions hold one item now and then.
    // Fifty moves of places in transactions, beside the one that opened the item.
    const moved = { ...counters[0]!, transactionalWrites: 51 };
    const q = project({
      ...input,
      items: [moved, ...counters.slice(1), ...input.items.filter((i) => i.role !== 'counter')],
    });
    expect(q.counterTransactionsPerBooking).toBe(0.01);
    // A try finds that item held only if it lands there (251 of 5,051 tries): 31.6 / (0.0497 x 0.01).
    expect(q.bounds.conflicts).toBe(63_636);
  });

  it('bounds the organization by an item its sessions share', () => {
    const shared = item(`${org}`, 'organization', 2 * 5000);
    const p = project(run(25, 5000, [shared]));
    expect(p.hottestSharedItem?.writeUnitsPerBooking).toBe(2);
    expect(p.perSecond.organization).toBe(500);
  });

  it('takes the tries that acted as independent from the run', () => {
    expect(effectiveTries(0.5, 625, 10_000)).toBeCloseTo(4, 6);
    // No 503 in 8 requests counts as one: the share is below 1/8, so at least 3 tries.
    expect(effectiveTries(0.5, 0, 8)).toBeCloseTo(3, 6);
    expect(effectiveTries(0.5, 9, 10)).toBe(1);
    expect(effectiveTries(0, 5, 100)).toBe(1);
    expect(effectiveTries(1, 5, 100)).toBe(1);
    const p = project({ ...run(1, 5000), requests: 4, unavailable: 1 });
    expect(p.effectiveTries).toBe(2);
    expect(p.toleratedConflictRate).toBe(0.1);
    expect(p.commitsPerCounterPerSecond).toBe(10);
  });
});
