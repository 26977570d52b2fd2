import { getContainer } from '../../shared/container.js';
import { routeFunction } from '../../shared/http/route-function.js';
import { attendeeHandlers } from './catalog/attendees.js';
import { bookingHandlers } from './catalog/bookings.js';
import { deletionHandlers } from './catalog/deletions.js';
import { eventHandlers } from './catalog/events.js';
import { partyHandlers } from './catalog/parties.js';
import { sessionHandlers } from './catalog/sessions.js';
import { venueHandlers } from './catalog/venues.js';
import { waitlistHandlers } from './catalog/waitlist.js';

/** Lambda for the catalog context: venues, events, sessions and seating, attendees, parties. */
export const handler = routeFunction(
  'catalog',
  {
    ...venueHandlers,
    ...eventHandlers,
    ...sessionHandlers,
    ...attendeeHandlers,
    ...partyHandlers,
    ...bookingHandlers,
    ...waitlistHandlers,
    ...deletionHandlers,
  },
  { idempotency: () => getContainer().idempotency },
);
