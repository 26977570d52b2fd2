import type { TxEntities } from '../../../kernel/dynamo/transactions.js';
import { nextHandoffAt } from '../domain/handoff.js';
import { type NotificationChannel, notificationMessageId } from '../domain/model.js';

/**
 * The one way any transaction writes a user-facing notification into the outbox (invariant 7:
 * the change and its notification commit together). Delivery reads these items later; writers
 * only say what happened, to whom, and under which stable id (so a retried transaction cannot
 * write a second notification for the same change).
 */

export interface NotificationRecord {
  orgId: string;
  sessionId: string;
  /** Stable per change, e.g. `${bookingId}#confirmed`; the item's messageId is `notify#${key}`. */
  key: string;
  at: string;
  /** e.g. `booking.confirmed`, `waitlist.offered`, `session.cancelled`. */
  type: string;
  /** The attendee or party the notification is for. */
  recipientId: string;
  /** The user who reads it in-app (the attendee's linked user, a party's leader's); null if none. */
  userId: string | null;
  payload: Record<string, unknown>;
  /** The only channels it may go out on (intersected with the recipient's choice); absent: any. */
  channels?: readonly NotificationChannel[];
  /** The venue's zone for its quiet hours, when `sessionId` names no session (announcements). */
  timeZone?: string;
}

/**
 * The stream relay hands the notification to the queue right after the commit (the table's stream
 * reports the new item): the item records that first hand-off, and the sweep leaves it alone until
 * the queue can no longer be delivering it (a relay whose hand-off fails says so with
 * `handoffFailed`).
 */
export const notificationRecord = (tx: TxEntities, n: NotificationRecord) =>
  tx.outbox
    .create({
      orgId: n.orgId,
      sessionId: n.sessionId,
      messageId: notificationMessageId(n.key),
      at: n.at,
      kind: 'notification',
      type: n.type,
      channel: 'email',
      recipientId: n.recipientId,
      ...(n.userId ? { userId: n.userId } : {}),
      ...(n.channels ? { channels: [...n.channels] } : {}),
      ...(n.timeZone ? { timeZone: n.timeZone } : {}),
      status: 'pending',
      attempts: 0,
      handoffs: 1,
      dueAt: nextHandoffAt(Date.parse(n.at), 1),
      payload: JSON.stringify(n.payload),
    })
    .commit();

export interface CapacityRelease {
  orgId: string;
  sessionId: string;
  at: string;
  /** Stable per change (the item's messageId is `capacity-released#${key}`). */
  key: string;
  payload: Record<string, unknown>;
}

/**
 * What the waitlist consumes: places of this session may be offered (they became available
 * again, the capacity was raised, or the waiting line changed while places were free).
 */
export const sessionCapacityReleased = (tx: TxEntities, r: CapacityRelease) =>
  tx.outbox
    .create({
      orgId: r.orgId,
      sessionId: r.sessionId,
      messageId: `capacity-released#${r.key}`,
      at: r.at,
      kind: 'domain-event',
      type: 'capacity.released',
      status: 'pending',
      attempts: 0,
      payload: JSON.stringify(r.payload),
    })
    .commit();
