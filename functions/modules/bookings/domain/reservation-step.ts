import type { JoinRequest } from '../../invitations/index.js';
import type { Booking } from './model.js';
import type { ReservationStep } from './ports.js';

/** What approving a join request asks of the book path (BookInput.reservation). */
export interface ReservationInput {
  /** The request as read, still pending. */
  request: JoinRequest;
  hostMessage: string | null;
}

/** The request as the reservation's booking makes it: reserved, holding that booking until its deadline. */
export const reservationStep = (input: ReservationInput, booking: Booking): ReservationStep => ({
  request: {
    ...input.request,
    status: 'reserved',
    bookingId: booking.bookingId,
    holdExpiresAt: booking.holdExpiresAt,
    hostMessage: input.hostMessage,
    decidedBy: booking.bookedBy,
    updatedAt: booking.createdAt,
  },
});

/** A free event's reservation, which its attendee confirms themselves (nothing to pay). */
export const isOwnFreeReservation = (
  b: Pick<Booking, 'requestId' | 'paymentStatus' | 'userId'> | undefined,
  sub: string,
): boolean => !!b?.requestId && b.paymentStatus === 'none' && b.userId === sub;

/** A reservation's booking is held, free or not, until the event's `requestHoldMinutes` pass. */
export const reservationDeadline = (now: Date, requestHoldMinutes: number): string =>
  new Date(now.getTime() + requestHoldMinutes * 60_000).toISOString();
