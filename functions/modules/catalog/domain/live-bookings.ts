import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';

/**
 * Deleting a session, event, venue or organization takes its bookings with it, so it is refused
 * while any of its sessions still holds seats (held or confirmed, as its capacity counter shows):
 * those bookings must be cancelled first, which tells their attendees.
 */

const pageSize = 100;

const sessionIdsOfEvent = async (
  deps: Pick<Deps, 'sessions'>,
  orgId: string,
  eventId: string,
): Promise<string[]> => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.sessions.listIdsByEvent(orgId, eventId, pageSize, cursor);
    ids.push(...page.ids);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return ids;
};

const sessionIdsOfVenue = async (
  deps: Pick<Deps, 'events' | 'sessions'>,
  orgId: string,
  venueId: string,
): Promise<string[]> => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.events.list(orgId, { venueId }, { limit: pageSize, cursor });
    for (const event of page.items) ids.push(...(await sessionIdsOfEvent(deps, orgId, event.eventId)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
};

const withLiveBookings = async (
  deps: Pick<Deps, 'sessions'>,
  orgId: string,
  sessionIds: string[],
): Promise<string[]> => {
  const counters = await Promise.all(sessionIds.map((id) => deps.sessions.getCounter(orgId, id)));
  return sessionIds.filter((_, i) => {
    const c = counters[i];
    return c !== undefined && c.held + c.confirmed > 0;
  });
};

export type DeletionScope = { kind: 'session' | 'event' | 'venue' | 'organization'; id: string };

const sessionIdsIn = (
  deps: Pick<Deps, 'events' | 'sessions'>,
  orgId: string,
  scope: DeletionScope,
): Promise<string[]> => {
  switch (scope.kind) {
    case 'session':
      return Promise.resolve([scope.id]);
    case 'event':
      return sessionIdsOfEvent(deps, orgId, scope.id);
    case 'venue':
      return sessionIdsOfVenue(deps, orgId, scope.id);
    case 'organization':
      return deps.sessions.listAllIdsOfOrg(orgId);
  }
};

const assertNoLiveBookings = async (
  deps: Pick<Deps, 'events' | 'sessions'>,
  orgId: string,
  scope: DeletionScope,
): Promise<void> => {
  const sessionIds = await sessionIdsIn(deps, orgId, scope);
  const live = await withLiveBookings(deps, orgId, sessionIds);
  if (live.length === 0) return;
  throw new DomainError(
    'HAS_LIVE_BOOKINGS',
    `the ${scope.kind} still has live bookings in session(s) ${live.join(', ')}; cancel them first`,
    { sessionIds: live },
  );
};

/**
 * Marks a session, event or organization deleting only if none of its sessions holds seats, with
 * no gap for a booking to slip through: the booking transaction checks that mark, so once it is
 * set no booking commits, and a second look at the counters after setting it sees any booking
 * that committed before. If that look finds one, the mark is taken back and the delete refused.
 * (The first look only spares a mark in the common case of a refusal.)
 */
export const markDeletingUnlessLive = async (
  deps: Pick<Deps, 'events' | 'sessions'>,
  orgId: string,
  scope: DeletionScope,
  marks: { mark: () => Promise<void>; unmark: () => Promise<void> },
): Promise<void> => {
  await assertNoLiveBookings(deps, orgId, scope);
  await marks.mark();
  try {
    await assertNoLiveBookings(deps, orgId, scope);
  } catch (err) {
    await marks.unmark();
    throw err;
  }
};
