import { isLive } from './bookings.js';
import { countMismatches, type SessionCheck, violation } from './check-types.js';

/**
 * Ticket categories (pricing's category counters): each counter balances under its quota, agrees
 * with the live bookings' categories, and all of them together stay inside the session's capacity.
 */

export const categoryBalanced: SessionCheck = {
  name: 'category-balanced',
  rule: 'a category counter under a quota has left = quota - taken >= 0, and taken >= 0',
  run: (s) =>
    (s.categories ?? []).flatMap((c) => {
      if (c.taken < 0)
        return [violation('category-balanced', s, `category ${c.categoryId} has taken ${c.taken}`)];
      if (c.quota < 0 || (c.left === c.quota - c.taken && c.left >= 0)) return [];
      return [
        violation(
          'category-balanced',
          s,
          `category ${c.categoryId}: quota ${c.quota}, taken ${c.taken}, left ${c.left}`,
        ),
      ];
    }),
};

/** The places of each category held by the session's live bookings. */
const bookedByCategory = (bookings: Parameters<SessionCheck['run']>[0]['bookings']): Map<string, number> => {
  const booked = new Map<string, number>();
  for (const b of bookings.filter(isLive)) {
    for (const t of b.tickets ?? []) booked.set(t.categoryId, (booked.get(t.categoryId) ?? 0) + t.seats);
  }
  return booked;
};

export const categoryMatchesBookings: SessionCheck = {
  name: 'category-matches-bookings',
  rule: "a category counter's taken equals the places of that category in live bookings",
  run: (s) => {
    const counted = new Map((s.categories ?? []).map((c) => [c.categoryId, c.taken]));
    return countMismatches(bookedByCategory(s.bookings), counted).map((m) =>
      violation(
        'category-matches-bookings',
        s,
        `category ${m.id}: counter says ${m.counted}, live bookings hold ${m.booked}`,
      ),
    );
  },
};

export const categoriesWithinCapacity: SessionCheck = {
  name: 'categories-within-capacity',
  rule: "the categories' places together never exceed the session's capacity",
  run: (s) => {
    const taken = (s.categories ?? []).reduce((n, c) => n + c.taken, 0);
    if (!s.counter || taken <= s.counter.capacity) return [];
    return [
      violation(
        'categories-within-capacity',
        s,
        `categories hold ${taken} places of a capacity of ${s.counter.capacity}`,
      ),
    ];
  },
};

export const categoryChecks: readonly SessionCheck[] = [
  categoryBalanced,
  categoryMatchesBookings,
  categoriesWithinCapacity,
];
