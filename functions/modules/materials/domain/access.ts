import { assertOrgOpen } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { isShownToPublic } from '../../catalog/index.js';
import type { Material } from './model.js';

/**
 * Who may download a material, by its access level:
 * - `public`: anyone signed in, when the event is published and public; members always;
 * - `attendees`: the caller's own attendee (or their party) holds a live booking of the material's
 *   session (of any session of the event for an event-level material); members with `event.read`;
 * - `speakers`: the caller is a speaker of the event (not cancelled); members;
 * - `sponsors`: the caller represents a sponsor of the event (not cancelled); members.
 */
type AccessReadDeps = Pick<Deps, 'events' | 'attendees' | 'bookings' | 'speakers' | 'sponsors'> &
  EventAccessDeps;

const isMember = async (deps: EventAccessDeps, principal: Principal, m: Material): Promise<boolean> => {
  try {
    await authorizeForEvent(deps, m.orgId, m.eventId, principal, 'event.read');
    return true;
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN'))
      return false;
    throw error;
  }
};

const holdsLiveBooking = async (
  deps: Pick<Deps, 'attendees' | 'bookings'>,
  principal: Principal,
  m: Material,
): Promise<boolean> => {
  const attendee = await deps.attendees.findBy(m.orgId, 'userId', principal.sub);
  if (!attendee) return false;
  const holders = [attendee.attendeeId, ...(attendee.partyId ? [attendee.partyId] : [])];
  for (const holderId of holders) {
    let cursor: string | undefined;
    do {
      const page = await deps.bookings.listByHolder(m.orgId, holderId, { limit: 100, cursor });
      const live = page.items.some(
        (b) =>
          b.eventId === m.eventId &&
          (m.sessionId === null || b.sessionId === m.sessionId) &&
          (b.status === 'held' || b.status === 'confirmed'),
      );
      if (live) return true;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return false;
};

const speaksAtEvent = async (deps: Pick<Deps, 'speakers'>, principal: Principal, m: Material) =>
  (await deps.speakers.listByUser(m.orgId, principal.sub)).some(
    (s) => s.eventId === m.eventId && s.status !== 'cancelled',
  );

const representsSponsor = async (deps: Pick<Deps, 'sponsors'>, principal: Principal, m: Material) =>
  (await deps.sponsors.listAll(m.orgId, m.eventId)).some(
    (s) => s.status !== 'cancelled' && s.representatives.includes(principal.sub),
  );

const publicEventShown = async (deps: Pick<Deps, 'events'>, m: Material): Promise<boolean> => {
  const event = await deps.events.get(m.orgId, m.eventId);
  return !!event && isShownToPublic(event);
};

export const mayDownload = async (
  deps: AccessReadDeps,
  principal: Principal,
  m: Material,
): Promise<boolean> => {
  assertOrgOpen((await deps.orgs.get(m.orgId))?.status);
  if (await isMember(deps, principal, m)) return true;
  switch (m.accessLevel) {
    case 'public':
      return publicEventShown(deps, m);
    case 'attendees':
      return holdsLiveBooking(deps, principal, m);
    case 'speakers':
      return speaksAtEvent(deps, principal, m);
    case 'sponsors':
      return representsSponsor(deps, principal, m);
  }
};
