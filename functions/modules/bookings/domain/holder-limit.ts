import { DomainError } from '../../../kernel/domain/errors.js';

/** The refusal of one more live booking (or waitlist entry) to a holder who has the event's `bookingsPerAttendee`. */
export const bookingLimitReached = (limit: number): DomainError =>
  new DomainError(
    'BOOKING_LIMIT',
    `already ${limit} live booking${limit === 1 ? '' : 's'} of the session, as many as the event allows`,
    { limit, field: 'bookingsPerAttendee' },
  );
