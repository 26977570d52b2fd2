import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { Deletion } from '../../deletions/index.js';
import { requestDeletion } from '../../deletions/index.js';
import { markDeletingUnlessLive } from './live-bookings.js';

/** Marks the session deleting and starts its cascade delete; a retried DELETE answers the same. */
export const deleteSession = async (
  deps: Pick<Deps, 'clock' | 'deletions' | 'events' | 'jobs' | 'sessions'> & AccessDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
): Promise<Deletion> => {
  await authorize(deps, orgId, principal, 'session.manage');
  if (!(await deps.sessions.get(orgId, sessionId))) throw notFound('session');
  await markDeletingUnlessLive(
    deps,
    orgId,
    { kind: 'session', id: sessionId },
    {
      mark: () => deps.sessions.markDeleting(orgId, sessionId, deps.clock.now().toISOString()),
      unmark: () => deps.sessions.unmarkDeleting(orgId, sessionId, deps.clock.now().toISOString()),
    },
  );
  return requestDeletion(deps, orgId, { kind: 'session', id: sessionId }, principal.sub);
};
