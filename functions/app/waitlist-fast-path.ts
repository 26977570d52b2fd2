import type { Deps } from '../kernel/domain/deps.js';
import type { WaitlistStore } from '../modules/waitlist/domain/ports.js';
import { relayAfterCommit } from './outbox-fast-path.js';

/**
 * The outbox fast path for waitlist changes, like the booking store's: once a join, leave, move or
 * offer has committed, its notification and any wake-up of the offer engine go to their queues at
 * once instead of waiting for the outbox sweep.
 */
export const withWaitlistFastPath = (store: WaitlistStore, deps: () => Deps): WaitlistStore => {
  const relay = (orgId: string, sessionId: string, at: string) =>
    relayAfterCommit(deps(), { orgId, sessionId, at });
  return {
    ...store,
    async join(entry, wake) {
      await store.join(entry, wake);
      await relay(entry.orgId, entry.sessionId, entry.joinedAt);
    },
    async leave(exit) {
      const result = await store.leave(exit);
      if (result === 'done') await relay(exit.entry.orgId, exit.entry.sessionId, exit.at);
      return result;
    },
    async move(m) {
      const result = await store.move(m);
      if (result === 'done' && m.wake) await relay(m.entry.orgId, m.entry.sessionId, m.at);
      return result;
    },
    async offer(o) {
      const result = await store.offer(o);
      if (result === 'done') await relay(o.booking.orgId, o.booking.sessionId, o.booking.updatedAt);
      return result;
    },
  };
};
