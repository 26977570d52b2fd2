import { isLive } from './bookings.js';
import { countMismatches, type SessionCheck, violation } from './check-types.js';

/**
 * Each holder's count of live bookings in a session (what the event's `bookingsPerAttendee` is
 * enforced on) agrees with the session's live bookings of that holder.
 */
export const holderCountMatchesBookings: SessionCheck = {
  name: 'holder-count-matches-bookings',
  rule: "a holder's count of live bookings equals the live bookings that holder has in the session",
  run: (s) => {
    const booked = new Map<string, number>();
    for (const b of s.bookings.filter(isLive)) {
      if (b.holderId !== undefined) booked.set(b.holderId, (booked.get(b.holderId) ?? 0) + 1);
    }
    const counted = new Map((s.holders ?? []).map((h) => [h.holderId, h.live ?? 0]));
    return countMismatches(booked, counted).map((m) =>
      violation(
        'holder-count-matches-bookings',
        s,
        `holder ${m.id}: count says ${m.counted}, live bookings ${m.booked}`,
      ),
    );
  },
};
