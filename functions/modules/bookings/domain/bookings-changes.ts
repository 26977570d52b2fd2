import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { bookingNotFound, readOwnBooking } from './bookings-access.js';
import { type Booking, type BookingRef, type BookingStatus, systemActor } from './model.js';
import type { BookingTransition } from './ports.js';
import { isOwnFreeReservation } from './reservation-step.js';
import { requeuePositionFor } from './waitlist-requeue.js';

/**
 * Booking state changes after the booking: confirm (held -> confirmed), cancel (held or confirmed
 * -> cancelled) and hold expiry (held -> expired). Each is one transaction conditional on the state
 * it was decided from; when that state moved meanwhile, the booking is read again to say why.
 */

const wrongState = (b: Booking, wanted: string) =>
  new DomainError('INVALID_TRANSITION', `the booking is ${b.status}; it cannot be ${wanted}`, {
    currentStatus: b.status,
  });

const holdExpired = (b: Booking) =>
  new DomainError('HOLD_EXPIRED', `the hold ran out at ${b.holdExpiresAt}`, {
    currentStatus: b.status,
    holdExpiresAt: b.holdExpiresAt,
  });

const moved = (b: Booking, status: BookingStatus, at: string, paymentStatus = b.paymentStatus): Booking => ({
  ...b,
  status,
  paymentStatus,
  holdExpiresAt: status === 'held' ? b.holdExpiresAt : null,
  updatedAt: at,
});

/** The booking cancelled at `at`: a pending payment is dropped, a paid one stays for the refund flow. */
export const asCancelled = (b: Booking, at: string): Booking =>
  moved(b, 'cancelled', at, b.paymentStatus === 'pending' ? 'none' : b.paymentStatus);

const isPast = (deadline: string | null, now: Date) =>
  deadline !== null && Date.parse(deadline) <= now.getTime();

/**
 * The confirm step of a held booking whose hold still runs at `now` (held -> confirmed, a pending
 * payment becoming paid), or the error that says why it cannot be confirmed.
 */
export const confirmStep = (
  booking: Booking,
  now: Date,
  by: string,
  reason = 'confirmed',
): BookingTransition => {
  if (booking.status !== 'held') throw wrongState(booking, 'confirmed');
  if (isPast(booking.holdExpiresAt, now)) throw holdExpired(booking);
  // A hold waits for payment; a free event's waitlist offer is held with nothing to pay.
  const paid = booking.paymentStatus === 'pending' ? 'paid' : booking.paymentStatus;
  const next = moved(booking, 'confirmed', now.toISOString(), paid);
  return { current: booking, next, by, reason, deadline: 'running' };
};

/**
 * expired -> confirmed for a payment that came after the hold lapsed: the transaction takes the
 * places (and seats) back only if they are still free.
 */
export const reviveStep = (booking: Booking, now: Date, by: string): BookingTransition => {
  if (booking.status !== 'expired') throw wrongState(booking, 'confirmed');
  const next = moved(booking, 'confirmed', now.toISOString(), 'paid');
  return { current: booking, next, by, reason: 'paid after the hold lapsed' };
};

/**
 * confirmed -> cancelled because its payment was refunded in full: the places go back (and to the
 * waitlist) as with any cancellation.
 */
export const refundedStep = (
  booking: Booking,
  now: Date,
  by: string,
  details: Record<string, unknown>,
): BookingTransition => {
  if (booking.status !== 'confirmed') throw wrongState(booking, 'refunded');
  const next = moved(booking, 'cancelled', now.toISOString(), 'refunded');
  return {
    current: booking,
    next,
    by,
    reason: 'refunded',
    notification: { type: 'booking.refunded', details },
  };
};

/**
 * held -> confirmed while the hold runs (staff). Confirming a confirmed booking answers it as it
 * is, so a retried request has one effect.
 */
export const confirmHeld = async (
  deps: Pick<Deps, 'bookings' | 'clock' | 'holdScheduler'>,
  ref: BookingRef,
  by: string,
): Promise<Booking> => {
  for (;;) {
    const booking = await deps.bookings.get(ref);
    if (!booking) throw bookingNotFound();
    if (booking.status === 'confirmed') return booking;
    const step = confirmStep(booking, deps.clock.now(), by);
    if ((await deps.bookings.transition(step)) === 'done') {
      await deps.holdScheduler.cancelExpiry(ref);
      return step.next;
    }
  }
};

/**
 * Staff confirm a held booking: for a priced one, that it was paid otherwise (at the door, by
 * invoice). Attendees confirm by paying. Refused while the attendee is paying online (an order
 * pending, or declined and still payable), so that nobody pays twice.
 */
export const confirmBooking = async (
  deps: Pick<Deps, 'bookingPayments' | 'bookings' | 'clock' | 'holdScheduler'> & AccessDeps,
  principal: Principal,
  ref: BookingRef,
): Promise<Booking> => {
  // The attendee of a free event's join request confirms its reservation (a priced one's pays).
  if (isOwnFreeReservation(await deps.bookings.get(ref), principal.sub)) {
    return confirmHeld(deps, ref, principal.sub);
  }
  // Otherwise staff only, so the staff gate: a non-member gets the answer of a missing organization, a lower role 403.
  await authorize(deps, ref.orgId, principal, 'booking.manage');
  const payment = await deps.bookingPayments.of(ref);
  if (payment && (payment.status === 'pending' || payment.status === 'failed')) {
    throw new DomainError(
      'PAYMENT_IN_PROGRESS',
      'the attendee is paying for this booking online: its payment confirms it, or its hold lapses',
      { orderId: payment.orderId, orderStatus: payment.status },
    );
  }
  return confirmHeld(deps, ref, principal.sub);
};

/**
 * held or confirmed -> cancelled, releasing seats and places. Attendees may cancel their own until
 * the event's cancel cutoff before the session starts; staff at any time.
 */
export const cancelBooking = async (
  deps: Pick<Deps, 'bookingPayments' | 'bookings' | 'clock' | 'events' | 'holdScheduler' | 'sessions'> &
    AccessDeps,
  principal: Principal,
  ref: BookingRef,
): Promise<Booking> => {
  const own = await readOwnBooking(deps, principal, ref, 'booking.manage');
  const { booker } = own;
  let { booking } = own;
  for (;;) {
    if (booking.status !== 'held' && booking.status !== 'confirmed') throw wrongState(booking, 'cancelled');
    // Money held for the booking is given back (or kept on purpose) by a refund, which cancels it.
    const payment = await deps.bookingPayments.of(ref);
    if (payment && payment.paidAmount > payment.refundedAmount) {
      throw new DomainError(
        'REFUND_REQUIRED',
        'a paid booking is cancelled by refunding it: POST .../refunds (a full refund cancels it)',
        {
          currentStatus: booking.status,
          paidAmount: payment.paidAmount,
          refundedAmount: payment.refundedAmount,
        },
      );
    }
    const now = deps.clock.now();
    if (booker.kind === 'self') {
      const [session, event] = await Promise.all([
        deps.sessions.get(ref.orgId, ref.sessionId),
        deps.events.get(ref.orgId, booking.eventId),
      ]);
      const cutoffMinutes = event?.settings.cancelCutoffMinutes ?? 0;
      const cutoff = session
        ? Date.parse(session.startsAt) - cutoffMinutes * 60_000
        : Number.POSITIVE_INFINITY;
      if (now.getTime() > cutoff) {
        throw new DomainError(
          'CANCEL_CUTOFF_PASSED',
          `bookings can be cancelled until ${cutoffMinutes} minutes before the session starts; ask the organizer`,
          { currentStatus: booking.status, cutoffAt: new Date(cutoff).toISOString() },
        );
      }
    }
    const next = asCancelled(booking, now.toISOString());
    const reason = booker.kind === 'staff' ? 'cancelled by staff' : 'cancelled by the attendee';
    const result = await deps.bookings.transition({ current: booking, next, by: principal.sub, reason });
    if (result === 'done') {
      if (booking.status === 'held') await deps.holdScheduler.cancelExpiry(ref);
      return next;
    }
    const again = await deps.bookings.get(ref);
    if (!again) throw bookingNotFound();
    booking = again;
  }
};

/**
 * Releases a hold only while it is still held and past its deadline (both checked again in the
 * transaction), so a schedule and the sweeper racing for it have one effect.
 */
export const expireHold = async (
  deps: Pick<Deps, 'bookings' | 'events' | 'waitlist'>,
  ref: BookingRef,
  now: Date,
): Promise<'expired' | 'not-held' | 'not-due'> => {
  for (;;) {
    const booking = await deps.bookings.get(ref);
    if (booking?.status !== 'held') return 'not-held';
    if (!isPast(booking.holdExpiresAt, now)) return 'not-due';
    const next = moved(booking, 'expired', now.toISOString(), 'none');
    const requeuePosition = await requeuePositionFor(deps, booking);
    const result = await deps.bookings.transition({
      current: booking,
      next,
      by: systemActor,
      reason: booking.waitlistEntryId ? 'waitlist offer expired' : 'hold expired',
      deadline: 'passed',
      ...(requeuePosition === undefined ? {} : { requeuePosition }),
    });
    if (result === 'done') return 'expired';
  }
};
