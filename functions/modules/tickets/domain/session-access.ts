import { authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { Session } from '../../catalog/index.js';

export type SessionAccessDeps = Pick<Deps, 'sessions'> & EventAccessDeps;

/**
 * The gate of the door work of one session (`checkin.scan`, `admission.read`): the caller's
 * organization role, or their place on the team of the session's event (docs/teams.md). A session
 * the organization does not have is NOT_FOUND only to a caller the role lets through, so the
 * answer tells a non-member nothing about the organization's sessions.
 */
export const authorizeForSession = async (
  deps: SessionAccessDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
  action: 'checkin.scan' | 'admission.read',
): Promise<Session> => {
  const session = await deps.sessions.get(orgId, sessionId);
  if (!session) {
    await authorize(deps, orgId, principal, action);
    throw notFound('session');
  }
  await authorizeForEvent(deps, orgId, session.eventId, principal, action);
  return session;
};
