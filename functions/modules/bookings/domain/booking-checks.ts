import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { maxSeatsPerBookingLimit, registrationClosed, type Session } from '../../catalog/index.js';
import type { BookInput } from './bookings.js';
import { type Booker, notFoundFor } from './bookings-access.js';
import type { BookingContext } from './ports.js';

/** The checks of a booking on what it read: the session and event open, the holder, the places. */

const notBookable = (message: string, details: Record<string, unknown>) =>
  new DomainError('NOT_BOOKABLE', message, details);

/** The session must be live and not started, and its event published and live. */
export const bookableParts = (ctx: BookingContext, now: Date) => {
  const { session, event } = ctx;
  if (!session) throw notFound('session');
  if (session.deleting) throw new DomainError('SESSION_DELETING', 'the session is being deleted');
  if (session.status !== 'scheduled') {
    throw notBookable(`the session is ${session.status}; it takes no bookings`, {
      currentStatus: session.status,
    });
  }
  if (!event) throw notFound('event');
  if (event.deleting) throw new DomainError('EVENT_DELETING', 'the event is being deleted');
  if (event.status !== 'published') {
    throw notBookable(`the event is ${event.status}; only published events take bookings`, {
      currentStatus: event.status,
    });
  }
  if (Date.parse(session.startsAt) <= now.getTime()) {
    throw notBookable('the session has already started', { startsAt: session.startsAt });
  }
  return { session, event };
};

/**
 * After the session's registration deadline nothing new is booked but by staff (who act at the
 * door, as they may cancel past the cutoff): no self-service booking, no waitlist entry (the line
 * offers nothing after it either), no approval request.
 */
export const assertRegistrationOpen = (session: Pick<Session, 'registrationDeadline'>, now: Date): void => {
  if (registrationClosed(session, now)) {
    throw notBookable(`registration for the session closed at ${session.registrationDeadline}`, {
      registrationDeadline: session.registrationDeadline,
    });
  }
};

/** Whose booking it is, checked against what the caller may do; answers NOT_FOUND for others'. */
export const holderOf = (
  ctx: BookingContext,
  booker: Booker,
  input: Pick<BookInput, 'attendeeId' | 'partyId'>,
) => {
  if (input.partyId) {
    const party = ctx.party;
    const mine = booker.kind === 'staff' || (party?.leaderId != null && party.leaderId === ctx.ownAttendeeId);
    if (!party || !mine) throw notFoundFor(booker, 'party');
    if (party.memberIds.length === 0) {
      throw validationFailed([{ field: 'partyId', message: 'the party has no members' }]);
    }
    return { attendeeId: null, partyId: party.partyId, party, defaultSeats: party.memberIds.length };
  }
  const attendee = ctx.attendee;
  const mine = booker.kind === 'staff' || (attendee !== undefined && attendee.userId === booker.sub);
  if (!attendee || !mine) throw notFoundFor(booker, 'attendee');
  return { attendeeId: attendee.attendeeId, partyId: null, party: undefined, defaultSeats: 1, attendee };
};

export const seatCount = (input: BookInput, defaultSeats: number, max: number): number => {
  const seats = input.seats ?? defaultSeats;
  const limit = Math.min(max, maxSeatsPerBookingLimit);
  if (seats > limit) {
    throw validationFailed([
      { field: 'seats', message: `at most ${limit} seats per booking for this event` },
    ]);
  }
  return seats;
};
