import { admissionChecks } from './admission-checks.js';
import {
  confirmedMatchesBookings,
  counterBalanced,
  counterNonNegative,
  counterPresent,
  heldMatchesBookings,
} from './capacity-checks.js';
import { categoryChecks } from './category-checks.js';
import type { SessionCheck } from './check-types.js';
import { holderCountMatchesBookings } from './holder-checks.js';
import { type MoneyCheckOptions, paidBookingHasPaidOrder, paidOrderHasBooking } from './money-checks.js';
import {
  orderAmountsMatchTransactions,
  orderStatusMatchesAmounts,
  refundPendingMatchesRequests,
  refundsWithinPayments,
} from './order-checks.js';
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
  ...categoryChecks,
  holderCountMatchesBookings,
  ...admissionChecks,
];

/** The money checks, in report order: the first allows a refund in flight `graceMs` as of `now`. */
export const moneyChecks = (options: MoneyCheckOptions): readonly SessionCheck[] => [
  paidOrderHasBooking(options),
  paidBookingHasPaidOrder,
  refundsWithinPayments,
  orderAmountsMatchTransactions,
  refundPendingMatchesRequests,
  orderStatusMatchesAmounts,
];
