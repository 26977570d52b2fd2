import type { Deps } from '../../../kernel/domain/deps.js';
import type { NotificationRef } from './model.js';
import { handOff, relayCommit } from './outbox-relay.js';

/**
 * The outbox relay's fast path, called by each use case right after its change commits: the outbox
 * items the commit wrote (notifications, `capacity.released`) go to their queues at once. Best
 * effort by design: a failure here (or a process that dies first) leaves the items pending, and
 * the sweep relays them later, so the use case's answer does not depend on it.
 */

export interface Commit {
  orgId: string;
  sessionId: string;
  /** The change's commit time: the items it wrote carry it. */
  at: string;
}

/** What the fast path uses: a use case that calls it takes these besides its own ports. */
export type FastPathDeps = Pick<Deps, 'notifications' | 'outbox' | 'clock' | 'telemetry'>;

const bestEffort = async (
  deps: Pick<Deps, 'telemetry'>,
  session: { orgId: string; sessionId: string },
  relay: () => Promise<unknown>,
): Promise<void> => {
  try {
    await relay();
  } catch (error) {
    deps.telemetry.warn('outbox fast path failed; the sweep will relay these items', {
      orgId: session.orgId,
      sessionId: session.sessionId,
      error,
    });
  }
};

/** Hands every outbox item the commit wrote. */
export const relayAfterCommit = (deps: FastPathDeps, commit: Commit): Promise<void> =>
  bestEffort(deps, commit, () => relayCommit(deps, commit));

/**
 * Hands one notification whose key is known (a new booking writes exactly one): published without
 * reading it back, so a booking stays at one read and one transaction against the table.
 */
export const handOffAfterCommit = (deps: FastPathDeps, ref: NotificationRef): Promise<void> =>
  bestEffort(deps, ref, () => handOff(deps, ref));
