import { type SessionCheck, violation } from './check-types.js';

/**
 * The outbox relay's promise: a committed item is handed to its queue within one sweep interval
 * of becoming due, even when the stream relay after its commit missed it. An item still `pending`
 * (and due) for longer than that means the relay or its consumer is not doing its job.
 */

/** The deployed sweep runs every 60 s and leaves items younger than 30 s to the stream relay. */
export const DEFAULT_OUTBOX_STUCK_AFTER_MS = 90_000;

export interface OutboxCheckOptions {
  /** How long an item may stay pending past its due time: the sweep interval plus its grace. */
  stuckAfterMs: number;
  now: Date;
}

export const outboxNotStuck = ({ stuckAfterMs, now }: OutboxCheckOptions): SessionCheck => ({
  name: 'outbox-not-stuck',
  rule: `no notification or domain event stays pending more than ${stuckAfterMs / 1000} s past its due time`,
  run: (s) =>
    (s.outbox ?? [])
      .filter((i) => i.status === 'pending' && Date.parse(i.dueAt ?? i.at) < now.getTime() - stuckAfterMs)
      .map((i) =>
        violation(
          'outbox-not-stuck',
          s,
          `${i.kind} ${i.type} (${i.messageId}) is pending since ${i.dueAt ?? i.at}, more than ${stuckAfterMs / 1000} s`,
        ),
      ),
});
