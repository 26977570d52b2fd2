import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { Event } from '../../catalog/index.js';

/** The event, or NOT_FOUND. */
export const eventForRead = async (
  deps: Pick<Deps, 'events'>,
  orgId: string,
  eventId: string,
): Promise<Event> => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
  return event;
};

/** The event, or NOT_FOUND; one being deleted takes no changes (its cascade is emptying its partitions). */
export const eventForChange = async (
  deps: Pick<Deps, 'events'>,
  orgId: string,
  eventId: string,
): Promise<Event> => {
  const event = await eventForRead(deps, orgId, eventId);
  if (event.deleting) throw new DomainError('EVENT_DELETING', 'the event is being deleted');
  return event;
};
