import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { eventForRead, publicEvent } from '../../catalog/index.js';
import { type AgendaItem, itemOf } from './agenda.js';
import { sessionsOf, speakersOf } from './event-reads.js';
import type { AgendaSessionType, Speaker } from './model.js';

/** Reading the agenda: members', the public's and a signed-in user's own. */

export interface AgendaFilter {
  day?: string | undefined;
  roomId?: string | undefined;
  type?: AgendaSessionType | undefined;
  speakerId?: string | undefined;
  tag?: string | undefined;
}

type AgendaReadDeps = Pick<Deps, 'agenda' | 'speakers' | 'sessions' | 'events'>;

const matches = (item: AgendaItem, f: AgendaFilter): boolean =>
  (f.day === undefined || item.day === f.day) &&
  (f.roomId === undefined || item.session.roomId === f.roomId) &&
  (f.type === undefined || item.entry.type === f.type) &&
  (f.speakerId === undefined || item.entry.speakerIds.includes(f.speakerId)) &&
  (f.tag === undefined || item.entry.tags.includes(f.tag));

/** The event's agenda by start, filtered; `keep` picks the speakers a reader may see. */
const agendaOf = async (
  deps: AgendaReadDeps,
  orgId: string,
  eventId: string,
  filter: AgendaFilter,
  keep: (s: Speaker) => boolean,
): Promise<AgendaItem[]> => {
  const [sessions, speakers, entries] = await Promise.all([
    sessionsOf(deps, orgId, eventId),
    speakersOf(deps, orgId, eventId),
    deps.agenda.listByEvent(orgId, eventId),
  ]);
  const shown = speakers.filter(keep);
  return entries
    .flatMap((e) => {
      const session = sessions.get(e.sessionId);
      return session ? [itemOf(e, session, shown)] : [];
    })
    .filter((item) => matches(item, filter))
    .sort(
      (a, b) =>
        a.session.startsAt.localeCompare(b.session.startsAt) ||
        a.entry.sessionId.localeCompare(b.entry.sessionId),
    );
};

/** The agenda as members see it: every entry and speaker. */
export const eventAgenda = async (
  deps: AgendaReadDeps & EventAccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  filter: AgendaFilter,
): Promise<AgendaItem[]> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'event.read');
  await eventForRead(deps, orgId, eventId);
  return agendaOf(deps, orgId, eventId, filter, () => true);
};

/** The public agenda of a published public event: confirmed speakers only. */
export const publicAgenda = async (
  deps: AgendaReadDeps,
  orgId: string,
  eventId: string,
  filter: AgendaFilter,
): Promise<AgendaItem[]> => {
  await publicEvent(deps, orgId, eventId);
  return agendaOf(deps, orgId, eventId, filter, (s) => s.status === 'confirmed');
};

/**
 * "My sessions" of a signed-in user in an organization: the agenda entries of the sessions their
 * attendee record holds a live booking of, and those they speak in. No membership needed: it
 * reaches only the caller's own bookings and speaker entries.
 */
export const myAgenda = async (
  deps: AgendaReadDeps & Pick<Deps, 'attendees' | 'bookings' | 'orgs'>,
  principal: Principal,
  orgId: string,
  eventId: string,
): Promise<{ booked: AgendaItem[]; speaking: AgendaItem[] }> => {
  if (!(await deps.orgs.get(orgId))) throw notFound('organization');
  const [attendee, ownSpeakers] = await Promise.all([
    deps.attendees.findBy(orgId, 'userId', principal.sub),
    deps.speakers.listByUser(orgId, principal.sub),
  ]);
  const bookedSessions = new Set<string>();
  if (attendee) {
    let cursor: string | undefined;
    do {
      const page = await deps.bookings.listByHolder(orgId, attendee.attendeeId, { limit: 100, cursor });
      for (const b of page.items)
        if (b.status === 'held' || b.status === 'confirmed') bookedSessions.add(b.sessionId);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  const mine = new Set(ownSpeakers.filter((s) => s.eventId === eventId).map((s) => s.speakerId));
  if (bookedSessions.size === 0 && mine.size === 0) {
    // Nothing of theirs: the event must still exist for the caller to be told "none".
    await eventForRead(deps, orgId, eventId);
    return { booked: [], speaking: [] };
  }
  const all = await agendaOf(deps, orgId, eventId, {}, () => true);
  return {
    booked: all.filter((i) => bookedSessions.has(i.entry.sessionId)),
    speaking: all.filter((i) => i.entry.speakerIds.some((id) => mine.has(id))),
  };
};
