import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { Deletion, DeletionKind } from './model.js';

/**
 * Cascade deletes of catalog items (a venue, an event, a session, with everything under them) run
 * in the background, in resumable steps. A deletion is keyed by the id of what it deletes, so a
 * retried DELETE finds the same deletion (and re-sends its job, restarting a cascade whose message
 * was lost) instead of starting a second one.
 */

/** Records the deletion (once) and hands it to the jobs queue. Call after marking the target deleting. */
export const requestDeletion = async (
  deps: Pick<Deps, 'clock' | 'deletions' | 'jobs'>,
  orgId: string,
  target: { kind: DeletionKind; id: string },
  requestedBy: string,
): Promise<Deletion> => {
  const deletion: Deletion = {
    orgId,
    targetId: target.id,
    kind: target.kind,
    status: 'running',
    requestedBy,
    requestedAt: deps.clock.now().toISOString(),
    completedAt: null,
    deletedItems: 0,
  };
  const recorded = await deps.deletions.createIfAbsent(deletion);
  await deps.jobs.send({ type: 'catalog.delete', orgId, targetId: target.id });
  return recorded;
};

export const getDeletion = async (
  deps: Pick<Deps, 'deletions'> & AccessDeps,
  principal: Principal,
  orgId: string,
  targetId: string,
): Promise<Deletion> => {
  await authorize(deps, orgId, principal, 'deletion.read');
  const deletion = await deps.deletions.get(orgId, targetId);
  if (!deletion) throw notFound('deletion');
  return deletion;
};
