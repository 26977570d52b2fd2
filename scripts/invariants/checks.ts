import {
  confirmedMatchesBookings,
  counterBalanced,
  counterNonNegative,
  counterPresent,
  heldMatchesBookings,
} from './capacity-checks.js';
import type { SessionCheck } from './check-types.js';
import {
  labelInOneLiveBooking,
  liveBookingHasSeatItems,
  seatedBookingHasLabels,
  seatItemHasLiveBooking,
} from './seat-checks.js';
import { offeredIffOneHold, waitingMatchesEntries, waitlistPositionsUnique } from './waitlist-checks.js';

/** Every check the checker runs, in report order. New invariants (waitlists, notifications) join here. */
export const sessionChecks: readonly SessionCheck[] = [
  counterPresent,
  counterBalanced,
  counterNonNegative,
  heldMatchesBookings,
  confirmedMatchesBookings,
  labelInOneLiveBooking,
  seatedBookingHasLabels,
  liveBookingHasSeatItems,
  seatItemHasLiveBooking,
  waitlistPositionsUnique,
  offeredIffOneHold,
  waitingMatchesEntries,
];
