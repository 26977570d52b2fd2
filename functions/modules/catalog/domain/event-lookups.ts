import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import { eventDeleting } from './errors.js';
import type { Event } from './model.js';

/** How the modules built on an event find it (conference, expenses, teams, materials...). */

export const eventForRead = async (
  deps: Pick<Deps, 'events'>,
  orgId: string,
  eventId: string,
): Promise<Event> => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
  return event;
};

/** The event, or NOT_FOUND; one being deleted takes no change (its cascade is emptying it). */
export const eventForChange = async (
  deps: Pick<Deps, 'events'>,
  orgId: string,
  eventId: string,
): Promise<Event> => {
  const event = await eventForRead(deps, orgId, eventId);
  if (event.deleting) throw eventDeleting();
  return event;
};

/** Whether the public may see the event: published (or held and finished), not private, not being deleted. */
export const isShownToPublic = (event: Event): boolean =>
  ['published', 'completed', 'postponed'].includes(event.status) &&
  event.visibility !== 'private' &&
  !event.deleting;

/** The event as the public may read it; a draft or private one answers NOT_FOUND, as if it did not exist. */
export const publicEvent = async (
  deps: Pick<Deps, 'events'>,
  orgId: string,
  eventId: string,
): Promise<Event> => {
  const event = await deps.events.get(orgId, eventId);
  if (!event || !isShownToPublic(event)) throw notFound('event');
  return event;
};
