import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { Event } from '../../catalog/index.js';

/** The event, or NOT_FOUND; one being deleted takes no conference changes. */
export const eventForChange = async (
  deps: Pick<Deps, 'events'>,
  orgId: string,
  eventId: string,
): Promise<Event> => {
  const event = await eventForRead(deps, orgId, eventId);
  if (event.deleting) throw new DomainError('EVENT_DELETING', 'the event is being deleted');
  return event;
};

export const eventForRead = async (
  deps: Pick<Deps, 'events'>,
  orgId: string,
  eventId: string,
): Promise<Event> => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
  return event;
};

/**
 * What the public may read of an event: published (or held and finished) events only; a draft or
 * private event answers NOT_FOUND, as if it did not exist.
 */
export const publicEvent = async (
  deps: Pick<Deps, 'events'>,
  orgId: string,
  eventId: string,
): Promise<Event> => {
  const event = await deps.events.get(orgId, eventId);
  const shown = ['published', 'completed', 'postponed'].includes(event?.status ?? '');
  if (!event || !shown || event.visibility === 'private' || event.deleting) throw notFound('event');
  return event;
};

/** Kept here for the module's use cases; the rule is the kernel's. */
export { transitionRefused } from '../../../kernel/domain/errors.js';
