import { routeFunction } from '../../kernel/http/route-function.js';
import { bookingHandlers } from '../../modules/bookings/handlers/bookings.js';
import { sessionCancellationHandlers } from '../../modules/bookings/handlers/session-cancellation.js';
import { waitlistHandlers } from '../../modules/bookings/handlers/waitlist.js';
import { eventHandlers } from '../../modules/catalog/handlers/events.js';
import { sessionHandlers } from '../../modules/catalog/handlers/sessions.js';
import { venueHandlers } from '../../modules/catalog/handlers/venues.js';
import { deletionHandlers } from '../../modules/deletions/handlers/deletions.js';
import { attendeeHandlers } from '../../modules/people/handlers/attendees.js';
import { partyHandlers } from '../../modules/people/handlers/parties.js';
import { getContainer } from '../container.js';

/** Lambda for the catalog context: venues, events, sessions and seating, attendees, parties. */
export const handler = routeFunction(
  'catalog',
  {
    ...venueHandlers,
    ...eventHandlers,
    ...sessionHandlers,
    ...sessionCancellationHandlers,
    ...attendeeHandlers,
    ...partyHandlers,
    ...bookingHandlers,
    ...waitlistHandlers,
    ...deletionHandlers,
  },
  { idempotency: () => getContainer().idempotency },
);
