import type { PendingOutboxItem } from '../notification-ports.js';
import type { Deps } from '../ports.js';

/**
 * The relay from the outbox to the queues. Chosen design: a post-commit fast path plus a sweep
 * over a sparse "pending" index, not DynamoDB Streams.
 * - Streams would need `@aws-sdk/client-dynamodb-streams`, which is not published at the SDK line
 *   this project pins (its newest release trails `client-dynamodb` by twenty versions), a local
 *   shard poller for DynamoDB Local, and a stream on the whole table whose every write the relay
 *   would filter out again.
 * - The sweep needs nothing but the table and the queues that exist, and is the safety net the
 *   brief asks for anyway: a committed item is delivered even when the process dies between
 *   commit and enqueue, because it stays `pending` (and in the index) until a consumer moves it.
 * - The fast path makes the common case immediate: after a commit, the writer relays the items of
 *   that session committed since the change (`relaySessionSince`). Losing it only costs latency.
 * Relaying twice is harmless: the notifications consumer claims an item before it sends, and
 * `capacity.released` is answered from stored state.
 */

export type RelayOutcome = 'notification' | 'event' | 'unknown';

/** Hands one pending item to its queue; a relayed domain event is `consumed` at once. */
export const relayItem = async (deps: Deps, item: PendingOutboxItem): Promise<RelayOutcome> => {
  const ref = { orgId: item.orgId, sessionId: item.sessionId, at: item.at, messageId: item.messageId };
  if (item.kind === 'notification') {
    await deps.outbox.publishNotification(ref);
    return 'notification';
  }
  if (item.type === 'capacity.released') {
    await deps.outbox.publishCapacityReleased({ orgId: item.orgId, sessionId: item.sessionId });
    // Published first: dying between the two re-publishes it on the next sweep, which is harmless.
    await deps.notifications.markConsumed(ref);
    return 'event';
  }
  // No consumer knows it: it stays pending, and the invariant checker reports it.
  return 'unknown';
};

/** The fast path: right after a commit, the pending items that commit wrote (and any before). */
export const relaySessionSince = async (
  deps: Deps,
  session: { orgId: string; sessionId: string; since: string },
): Promise<number> => {
  const items = await deps.notifications.listPendingSince(session.orgId, session.sessionId, session.since);
  for (const item of items) await relayItem(deps, item);
  return items.length;
};

export interface OutboxSweepOptions {
  /** Items younger than this are left to the fast path and the queue's own retries. */
  graceMs: number;
  pageSize: number;
  /** Pages per sweep; whatever remains waits for the next sweep. */
  maxPages: number;
}

export const defaultOutboxSweepOptions: OutboxSweepOptions = { graceMs: 30_000, pageSize: 25, maxPages: 20 };

export interface OutboxSweepResult {
  found: number;
  relayed: number;
}

/**
 * Re-enqueues every item pending (and due) for longer than the grace period, across
 * organizations. Each relayed item is touched first (its next-due time becomes now), so it
 * leaves the window and the next page reads the next items.
 */
export const sweepOutbox = async (
  deps: Deps,
  now: Date,
  options: OutboxSweepOptions = defaultOutboxSweepOptions,
): Promise<OutboxSweepResult> => {
  const result: OutboxSweepResult = { found: 0, relayed: 0 };
  const dueBy = new Date(now.getTime() - options.graceMs).toISOString();
  for (let page = 0; page < options.maxPages; page++) {
    const items = await deps.notifications.listPending(dueBy, options.pageSize);
    result.found += items.length;
    for (const item of items) {
      await deps.notifications.touch(item, now.toISOString());
      if ((await relayItem(deps, item)) !== 'unknown') result.relayed += 1;
    }
    if (items.length < options.pageSize) break;
  }
  return result;
};
