import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { Event } from './model.js';

/** The event, or NOT_FOUND: for the modules whose items hang off an event. */
export const existingEvent = async (
  deps: Pick<Deps, 'events'>,
  orgId: string,
  eventId: string,
): Promise<Event> => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
  return event;
};

/** The event, or NOT_FOUND; one being deleted takes no new items (its cascade is emptying them). */
export const changeableEvent = async (
  deps: Pick<Deps, 'events'>,
  orgId: string,
  eventId: string,
): Promise<Event> => {
  const event = await existingEvent(deps, orgId, eventId);
  if (event.deleting) throw new DomainError('EVENT_DELETING', 'the event is being deleted');
  return event;
};
