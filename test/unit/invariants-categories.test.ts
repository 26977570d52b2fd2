import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../scripts/invariants/check.js';

/** The category checks fail on each way a category counter can disagree, and pass when it agrees. */

const ref = { orgId: 'org_a', sessionId: 'ses_a' };
const counter = (available: number, confirmed: number) => ({
  ...ref,
  __edb_e__: 'sessionCounter',
  capacity: available + confirmed,
  available,
  held: 0,
  confirmed,
});
const booking = (bookingId: string, status: string, tickets: { categoryId: string; seats: number }[]) => ({
  ...ref,
  __edb_e__: 'booking',
  bookingId,
  status,
  seats: tickets.reduce((n, t) => n + t.seats, 0),
  tickets,
});
const category = (categoryId: string, taken: number, quota: number, left: number) => ({
  ...ref,
  __edb_e__: 'categoryCounter',
  categoryId,
  taken,
  quota,
  left,
});

const failing = (items: Record<string, unknown>[]) =>
  checkInvariants(items)
    .violations.map((v) => v.check)
    .filter((c) => c.startsWith('categor'));

describe('category invariants', () => {
  const live = [
    counter(2, 3),
    booking('b1', 'confirmed', [
      { categoryId: 'vip', seats: 1 },
      { categoryId: 'std', seats: 2 },
    ]),
  ];

  it('hold when every counter matches the live bookings and its quota', () => {
    expect(
      failing([
        ...live,
        booking('b2', 'cancelled', [{ categoryId: 'vip', seats: 1 }]),
        category('vip', 1, 2, 1),
        category('std', 2, -1, -3),
      ]),
    ).toEqual([]);
  });

  it('name a counter that does not match the live bookings, or a category with no counter', () => {
    expect(failing([...live, category('vip', 2, 2, 0), category('std', 2, -1, -3)])).toEqual([
      'category-matches-bookings',
    ]);
    expect(failing([...live, category('vip', 1, 2, 1)])).toEqual(['category-matches-bookings']);
  });

  it('name a counter whose places left do not balance, or go below zero', () => {
    expect(failing([...live, category('vip', 1, 2, 0), category('std', 2, -1, -3)])).toEqual([
      'category-balanced',
    ]);
    expect(failing([...live, category('vip', 1, 0, -1), category('std', 2, -1, -3)])).toEqual([
      'category-balanced',
    ]);
  });

  it('name categories that together hold more places than the session has', () => {
    expect(
      failing([
        counter(0, 2),
        booking('b1', 'confirmed', [{ categoryId: 'vip', seats: 2 }]),
        booking('b2', 'confirmed', [{ categoryId: 'std', seats: 1 }]),
        category('vip', 2, -1, -3),
        category('std', 1, -1, -2),
      ]),
    ).toContain('categories-within-capacity');
  });
});
