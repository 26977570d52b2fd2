import { seatsIn } from './bookings.js';
import { type SessionCheck, violation } from './check-types.js';

/** Invariant 1 of the design: the counter balances, never goes negative, and agrees with the bookings. */

export const counterPresent: SessionCheck = {
  name: 'counter-present',
  rule: 'a session (or a session with bookings) has its capacity counter item',
  run: (s) =>
    !s.counter && (s.session || s.bookings.length > 0)
      ? [violation('counter-present', s, 'no capacity counter item')]
      : [],
};

export const counterBalanced: SessionCheck = {
  name: 'counter-balanced',
  rule: 'capacity = available + held + confirmed',
  run: (s) => {
    const c = s.counter;
    if (!c || c.capacity === c.available + c.held + c.confirmed) return [];
    return [
      violation(
        'counter-balanced',
        s,
        `capacity ${c.capacity} != available ${c.available} + held ${c.held} + confirmed ${c.confirmed}`,
      ),
    ];
  },
};

export const counterNonNegative: SessionCheck = {
  name: 'counter-non-negative',
  rule: 'available, held and confirmed are never below 0',
  run: (s) => {
    const c = s.counter;
    if (!c) return [];
    return (['available', 'held', 'confirmed'] as const)
      .filter((field) => c[field] < 0)
      .map((field) => violation('counter-non-negative', s, `${field} is ${c[field]}`));
  },
};

const matchesBookings = (status: 'held' | 'confirmed'): SessionCheck => {
  const name = `${status}-matches-bookings`;
  return {
    name,
    rule: `the counter's ${status} equals the seats of the ${status} bookings`,
    run: (s) => {
      if (!s.counter) return [];
      const counted = s.counter[status];
      const booked = seatsIn(s.bookings, status);
      return counted === booked
        ? []
        : [violation(name, s, `counter says ${status} ${counted}, ${status} bookings hold ${booked} seats`)];
    },
  };
};

export const heldMatchesBookings = matchesBookings('held');
export const confirmedMatchesBookings = matchesBookings('confirmed');
