import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { type SessionDetail, type SessionView, sessionDetail, sessionView } from './sessions-view.js';

export const listSessions = async (
  deps: Pick<Deps, 'events' | 'sessions'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  page: PageRequest,
): Promise<Page<SessionView>> => {
  await authorize(deps, orgId, principal, 'session.read');
  if (!(await deps.events.get(orgId, eventId))) throw notFound('event');
  const result = await deps.sessions.listByEvent(orgId, eventId, page);
  return { items: result.items.map(sessionView), nextCursor: result.nextCursor };
};

export const getSession = async (
  deps: Pick<Deps, 'sessions'> & AccessDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
): Promise<SessionDetail> => {
  await authorize(deps, orgId, principal, 'session.read');
  const [session, counter] = await Promise.all([
    deps.sessions.get(orgId, sessionId),
    deps.sessions.getCounter(orgId, sessionId),
  ]);
  if (!session) throw notFound('session');
  return sessionDetail(session, counter);
};
