import type { NotificationRef } from '../domain/model.js';
import { pendingShardOf } from './entities/outbox.js';

/** Small pieces every conditional write of an outbox item uses (delivery and relay alike). */

export const outboxKey = (ref: NotificationRef) => ({
  orgId: ref.orgId,
  sessionId: ref.sessionId,
  at: ref.at,
  messageId: ref.messageId,
});

/** Updates that move an item in or out of the pending index name its (computed) partition. */
export const shardOf = (ref: NotificationRef) => ({ pendingShard: pendingShardOf(ref.messageId) });

/** A step whose condition no longer holds (a lapsed claim, a moved item) is dropped, not an error. */
export { unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
