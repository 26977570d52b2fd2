import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { Event } from '../../catalog/index.js';

/** The event, or NOT_FOUND; with `forChange`, one being deleted is EVENT_DELETING (its cascade is emptying its tasks). */
export const taskEvent = async (
  deps: Pick<Deps, 'events'>,
  orgId: string,
  eventId: string,
  forChange: boolean,
): Promise<Event> => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
  if (forChange && event.deleting) throw new DomainError('EVENT_DELETING', 'the event is being deleted');
  return event;
};

/** The zone of the event's venue, in which relative due dates are read (UTC if the venue is gone). */
export const venueZone = async (deps: Pick<Deps, 'venues'>, event: Event): Promise<string> =>
  (await deps.venues.get(event.orgId, event.venueId))?.timezone ?? 'UTC';
