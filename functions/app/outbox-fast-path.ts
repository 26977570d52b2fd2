import type { Deps } from '../kernel/domain/deps.js';
import { logger } from '../kernel/observability.js';
import { stepNotificationRef } from '../modules/bookings/adapters/booking-records.js';
import type { BookingStore } from '../modules/bookings/domain/ports.js';
import { handOff, relayCommit } from '../modules/notifications/domain/outbox-relay.js';

/**
 * The outbox relay's fast path, attached where changes commit: once a booking change has committed,
 * the outbox items it wrote are handed to their queues at once. Best effort by design: a failure
 * here (or a process that dies first) leaves the items pending, and the sweep relays them later.
 */

export interface Commit {
  orgId: string;
  sessionId: string;
  /** The change's commit time: the items it wrote carry it. */
  at: string;
}

/** Runs one hand-off; a failure is logged, not thrown: the sweep relays what it left pending. */
const bestEffort = async (session: { orgId: string; sessionId: string }, relay: () => Promise<unknown>) => {
  try {
    await relay();
  } catch (error) {
    logger.warn('outbox fast path failed; the sweep will relay these items', {
      orgId: session.orgId,
      sessionId: session.sessionId,
      error: error as Error,
    });
  }
};

export const relayAfterCommit = (deps: Deps, commit: Commit): Promise<void> =>
  bestEffort(commit, () => relayCommit(deps, commit));

/** The booking store with the fast path after each committed create and transition. */
export const withOutboxFastPath = (store: BookingStore, deps: () => Deps): BookingStore => ({
  ...store,
  async create(nb) {
    await store.create(nb);
    // A new booking writes exactly one outbox item, whose key is known: it is published without
    // reading it back, so a booking stays at one read and one transaction against the table.
    await bestEffort(nb.booking, () => handOff(deps(), stepNotificationRef(nb.booking)));
  },
  async transition(change) {
    const result = await store.transition(change);
    if (result === 'done') {
      const { orgId, sessionId, updatedAt } = change.next;
      await relayAfterCommit(deps(), { orgId, sessionId, at: updatedAt });
    }
    return result;
  },
});
