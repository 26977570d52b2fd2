import type { Deps } from '../../../kernel/domain/deps.js';
import type { Session } from '../../catalog/index.js';
import type { Speaker } from './model.js';

/** Every session of the event, by id (an event has at most a few hundred). */
export const sessionsOf = async (
  deps: Pick<Deps, 'sessions'>,
  orgId: string,
  eventId: string,
): Promise<Map<string, Session>> => {
  const byId = new Map<string, Session>();
  let cursor: string | undefined;
  do {
    const page = await deps.sessions.listByEvent(orgId, eventId, { limit: 100, cursor });
    for (const s of page.items) byId.set(s.sessionId, s);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return byId;
};

/** Every speaker of the event. */
export const speakersOf = async (
  deps: Pick<Deps, 'speakers'>,
  orgId: string,
  eventId: string,
): Promise<Speaker[]> => {
  const all: Speaker[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.speakers.list(orgId, eventId, { limit: 100, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
};
