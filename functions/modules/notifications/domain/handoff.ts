/**
 * Hand-offs of outbox notifications to the notifications queue. A message handed to SQS may be
 * delivered up to `maxReceiveCount` times, each receive hiding it for the visibility timeout: for
 * that long after a hand-off the queue may still deliver it, and handing the item again would
 * only put a second copy of a live message in the queue. So an item is handed again (by the sweep)
 * only once that window has passed, and each further hand-off waits twice as long as the one
 * before (capped): a backlog is never multiplied by its own re-sends.
 *
 * The notifications queue definition takes its visibility timeout and receive count from here.
 */
export const notificationRedelivery = {
  visibilityTimeoutSeconds: 60,
  maxReceiveCount: 5,
  /** The longest wait between two hand-offs of one item. */
  maxBackoffMs: 60 * 60_000,
} as const;

/** How long the queue may still deliver a message handed to it (visibility x receives). */
export const redeliveryWindowMs =
  notificationRedelivery.visibilityTimeoutSeconds * 1000 * notificationRedelivery.maxReceiveCount;

/**
 * When an item handed for the `handoffs`-th time (1 = the stream relay's, after its commit) may be
 * handed again: one redelivery window after the first, doubling after each further hand-off.
 */
export const nextHandoffAt = (handedAtMs: number, handoffs: number): string => {
  const backoff = redeliveryWindowMs * 2 ** Math.max(0, handoffs - 1);
  return new Date(handedAtMs + Math.min(backoff, notificationRedelivery.maxBackoffMs)).toISOString();
};
