import type { Deps } from '../../../kernel/domain/deps.js';
import type { DomainEvent } from '../../../kernel/domain/domain-event.js';
import { isPublicEventType, nextPublishAt } from './domain-events.js';
import { nextHandoffAt } from './handoff.js';
import type { NotificationRef, OutboxSweepResult } from './model.js';
import type { PendingOutboxItem } from './ports.js';

/**
 * The relay from the outbox to the queues: the table's stream, with a sweep as safety net.
 * - The stream relay (`relayItem`, run by the `outbox` function on each new outbox item the
 *   table's DynamoDB stream reports) makes the common case immediate without costing the request
 *   that committed anything: the writer's transaction is all it does, and the hand-off happens
 *   beside it, in a function of its own, within about a second.
 * - The sweep walks a sparse "pending" index: a committed item is delivered even when the stream
 *   relay failed or gave up on it (its records retried, then sent to the on-failure queue),
 *   because the item stays `pending` (and in the index) until a consumer moves it.
 * Relaying twice is harmless to correctness (the notifications consumer claims an item before it
 * sends, `capacity.released` is answered from stored state) but not to throughput: a copy of a
 * message still in the queue is work for nothing, and under a backlog re-sends would feed the
 * backlog. So a notification is handed again only after the window in which the queue may still
 * deliver its last message, with a growing interval (modules/notifications/domain/handoff.ts).
 *
 * Public domain events (domain-events.ts) are published to the tenant's event bus (`eventBus`),
 * then marked consumed. A publish that fails leaves the item pending (the stream relay leaves it
 * to the sweep rather than hold its shard behind a bus outage); the sweep publishes it once the
 * bus takes events again.
 */

export type RelayOutcome = 'notification' | 'event' | 'unknown';

/** What handing items to their queues uses. */
type RelayDeps = Pick<Deps, 'notifications' | 'outbox' | 'clock' | 'eventBus'>;

/** A public event's outbox item carries the event itself. */
const publishedEventOf = (item: PendingOutboxItem): DomainEvent => {
  if (item.payload === undefined) throw new Error(`outbox event ${item.messageId} has no payload`);
  const event = JSON.parse(item.payload) as DomainEvent;
  if (event.id !== item.messageId || event.type !== item.type)
    throw new Error(`outbox event ${item.messageId} carries another event (${event.id}, ${event.type})`);
  return event;
};

/**
 * Hands a notification whose hand-off is already recorded to the notifications queue. A failed
 * send says so on the item, so the next sweep hands it at once instead of after the window it
 * would otherwise wait for; the error still reaches the caller.
 */
export const handOff = async (deps: RelayDeps, ref: NotificationRef): Promise<void> => {
  try {
    await deps.outbox.publishNotification(ref);
  } catch (error) {
    await deps.notifications.handoffFailed(ref, deps.clock.now().toISOString());
    throw error;
  }
};

/**
 * Hands one pending item to its queue. A notification's hand-off is recorded before this (in its
 * commit, or by the sweep); a relayed domain event is `consumed` at once. The stream relay calls
 * it with each new item as its commit wrote it.
 */
export const relayItem = async (deps: RelayDeps, item: PendingOutboxItem): Promise<RelayOutcome> => {
  const ref = { orgId: item.orgId, sessionId: item.sessionId, at: item.at, messageId: item.messageId };
  if (item.kind === 'notification') {
    await handOff(deps, ref);
    return 'notification';
  }
  if (item.type === 'capacity.released') {
    await deps.outbox.publishCapacityReleased({ orgId: item.orgId, sessionId: item.sessionId });
    // Published first: dying between the two re-publishes it on the next sweep, which is harmless.
    await deps.notifications.markConsumed(ref);
    return 'event';
  }
  if (isPublicEventType(item.type)) {
    await deps.eventBus.publish([publishedEventOf(item)]);
    // Published first: dying between the two publishes it again (receivers deduplicate on its id).
    await deps.notifications.markConsumed(ref);
    return 'event';
  }
  // No consumer knows it: it stays pending, and the invariant checker reports it.
  return 'unknown';
};

export interface OutboxSweepOptions {
  /** Items due less than this long ago are left to the stream relay and the queue's own retries. */
  graceMs: number;
  pageSize: number;
  /** Pages per sweep; whatever remains waits for the next sweep. */
  maxPages: number;
  /** False once the sweep should stop taking items (its function's deadline is near). */
  hasTime?: () => boolean;
}

export const defaultOutboxSweepOptions: OutboxSweepOptions = { graceMs: 30_000, pageSize: 25, maxPages: 20 };

/** What the sweep did with one item. */
type SweepOutcome = 'relayed' | 'skipped' | 'bus-down';

/**
 * Records the sweep's hand-off of a due item first: a concurrent sweep then cannot hand it too, and
 * an item that is not relayed now (a public event while the bus is down) leaves the head of the
 * pending index until it is due again, so the sweep reads past it.
 */
const sweepItem = async (
  deps: RelayDeps,
  item: PendingOutboxItem,
  now: Date,
  busDown: boolean,
): Promise<SweepOutcome> => {
  const publishes = item.kind === 'domain-event' && isPublicEventType(item.type);
  if (item.kind === 'notification' || publishes) {
    const handoffs = item.handoffs + 1;
    const again = publishes ? nextPublishAt(now.getTime(), handoffs) : nextHandoffAt(now.getTime(), handoffs);
    const recorded = await deps.notifications.recordHandoff(item, again);
    if (!recorded) return 'skipped';
  }
  if (!publishes) return (await relayItem(deps, item)) === 'unknown' ? 'skipped' : 'relayed';
  if (busDown) return 'skipped';
  // An item that carries no readable event waits like one the bus refused (the invariant checker
  // reports it once it stays pending); only the bus's refusal says the bus is down.
  let event: DomainEvent;
  try {
    event = publishedEventOf(item);
  } catch {
    return 'skipped';
  }
  try {
    await deps.eventBus.publish([event]);
  } catch {
    return 'bus-down';
  }
  await deps.notifications.markConsumed(item);
  return 'relayed';
};

/**
 * Hands every item due (for longer than the grace period) to its queue, across organizations:
 * notifications whose last hand-off the queue can no longer be delivering (failed stream relays,
 * quiet hours that ended), and domain events the stream relay did not hand over. Each relayed item leaves
 * the window (its next hand-off is later, or it is consumed), so each page reads new items.
 */
export const sweepOutbox = async (
  deps: Pick<Deps, 'clock' | 'notifications' | 'outbox' | 'eventBus'>,
  now: Date,
  options: OutboxSweepOptions = defaultOutboxSweepOptions,
): Promise<OutboxSweepResult> => {
  const result: OutboxSweepResult = {
    found: 0,
    relayed: 0,
    skipped: 0,
    oldestWaitingSeconds: 0,
    outOfTime: false,
  };
  const hasTime = options.hasTime ?? (() => true);
  const dueBy = new Date(now.getTime() - options.graceMs).toISOString();
  // Once a publish failed, the bus is taken to be down: the sweep tries no other event, and each
  // waits (its hand-off recorded) until it is due again.
  let busDown = false;
  for (let page = 0; page < options.maxPages; page++) {
    const items = await deps.notifications.listPending(dueBy, options.pageSize);
    result.found += items.length;
    for (const item of items) {
      if (!hasTime()) {
        result.outOfTime = true;
        break;
      }
      const outcome = await sweepItem(deps, item, now, busDown);
      if (outcome === 'bus-down') busDown = true;
      if (outcome === 'relayed') result.relayed += 1;
      else result.skipped += 1;
    }
    if (result.outOfTime || items.length < options.pageSize) break;
  }
  const oldest = await deps.notifications.oldestWaiting(now.toISOString());
  if (oldest) result.oldestWaitingSeconds = Math.max(0, (now.getTime() - Date.parse(oldest)) / 1000);
  return result;
};
