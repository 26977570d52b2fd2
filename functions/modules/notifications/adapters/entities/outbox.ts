import { createHash } from 'node:crypto';
import { CustomAttributeType, Entity } from 'electrodb';
import { entityBase, fixedStrings, unlisted } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import type { NotificationChannel, OutboundChannel } from '../../domain/model.js';

/** Pending outbox items are spread over this many partitions of the pending index. */
export const pendingShards = 16;

export const allPendingShards = (): string[] =>
  Array.from({ length: pendingShards }, (_, i) => String(i).padStart(2, '0'));

export const pendingShardOf = (messageId: string): string =>
  String(createHash('sha1').update(messageId).digest().readUInt16BE(0) % pendingShards).padStart(2, '0');

/**
 * The transactional outbox: notifications to deliver and domain events to consume (e.g.
 * `capacity.released` for the waitlist), written in the transaction of the change they report.
 * The relay (outbox-relay) hands them to their queues; the notifications consumer moves a
 * notification on to `sent` or `failed`, the relay a domain event to `consumed`.
 *
 * Key templates:
 * - table: pk `${orgId}#session#${sessionId}#outbox`  sk `${at}#${messageId}`
 * - gsi1:  pk `user#${listedUser}#notifications`      sk `${at}#${messageId}`
 *   Only for notifications with a user to read them in-app; never `user#${userId}` alone (the
 *   user's memberships) nor `#bookings` / `#waitlist` (their bookings and entries).
 * - gsi3:  pk `outbox#pending#${pendingShard}`        sk `${dueAt}#${messageId}`
 *   Only while `pending`: what the relay's sweep walks to re-enqueue items whose stream relay was
 *   lost. Not led by an org id because the sweep serves every organization; `pendingShard` (a
 *   hash of the message id, 00..15) spreads the writes over 16 partitions. `dueAt` is when the
 *   sweep may hand the item to its queue (again): for a domain event its commit time; for a
 *   notification the end of the window in which the queue may still deliver the message it was
 *   last handed as (modules/notifications/domain/handoff.ts), or the end of quiet hours.
 *
 * The index attributes are computed from what every writer already gives (`messageId`, `at`,
 * `userId`), so `notificationRecord` and `capacityReleased` keep their shape.
 */
export const outboxEntity = new Entity({
  model: { ...entityBase, entity: 'outbox' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'messageId', 'at'),
    kind: { type: ['notification', 'domain-event'] as const, required: true, readOnly: true },
    /** e.g. `booking.confirmed`, `capacity.released`. */
    type: { type: 'string', required: true, readOnly: true },
    channel: { type: ['email', 'sms', 'push', 'in_app'] as const },
    /** The attendee or party a notification is for. */
    recipientId: { type: 'string' },
    /** The user who reads a notification in-app, when the recipient is linked to one. */
    userId: { type: 'string', readOnly: true },
    status: { type: ['pending', 'sent', 'failed', 'consumed'] as const, required: true },
    /** Delivery attempts claimed so far (each claim counts one). */
    attempts: { type: 'number', required: true },
    /** Times the relay handed it to a queue (the stream relay's, after its commit, counts as the first). */
    handoffs: { type: 'number' },
    /** Quiet hours: no channel may be claimed before this time. */
    deferredUntil: { type: 'string' },
    /** When delivery finished (`sent`). */
    sentAt: { type: 'string' },
    /** JSON of the message body. */
    payload: { type: 'string', required: true, readOnly: true },
    /** Index-only: the pending partition, from the message id. */
    pendingShard: {
      type: 'string',
      readOnly: true,
      watch: ['messageId'],
      set: (_: unknown, item: { messageId?: string }) => pendingShardOf(item.messageId ?? ''),
    },
    /** Index-only: when the sweep may hand a pending item over (again); `none` once it left `pending`. */
    dueAt: {
      type: 'string',
      watch: ['at'],
      set: (value: string | undefined, item: { at?: string }) => value ?? item.at,
    },
    /** Index-only copy of `userId`, always present; `none` keeps the item out of gsi1. */
    listedUser: {
      type: 'string',
      readOnly: true,
      watch: ['messageId'],
      set: (_: unknown, item: { userId?: string }) => item.userId ?? unlisted,
    },
    /** Channels this notification went out on: a redelivered message never sends them again. */
    /** Stored as strings; the custom type narrows them to the domain's channels. */
    sentChannels: { type: 'list', items: { type: CustomAttributeType<OutboundChannel>('string') } },
    /** The only channels it may go out on (an announcement's); absent: any its recipient chose. */
    channels: {
      type: 'list',
      readOnly: true,
      items: { type: CustomAttributeType<NotificationChannel>('string') },
    },
    /**
     * The zone its quiet hours are read in when its session is no real session (an announcement's
     * notifications are grouped by the announcement): the event's venue's.
     */
    timeZone: { type: 'string', readOnly: true },
    /** While a consumer delivers it: until when the claim holds (a crashed consumer's lapses). */
    leaseUntil: { type: 'string' },
    /** The last delivery failure, for whoever reads a `failed` item. */
    lastError: { type: 'string' },
    /** When the user marked it read in-app. */
    readAt: { type: 'string' },
  },
  indexes: {
    bySession: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#outbox'),
      sk: key('sk', ['at', 'messageId'], '${at}#${messageId}'),
    },
    byUser: {
      index: 'gsi1',
      condition: (a) => a.listedUser !== unlisted,
      pk: key('gsi1pk', ['listedUser'], 'user#${listedUser}#notifications'),
      sk: key('gsi1sk', ['at', 'messageId'], '${at}#${messageId}'),
    },
    byPending: {
      index: 'gsi3',
      condition: (a) => a.dueAt !== unlisted,
      pk: key('gsi3pk', ['pendingShard'], 'outbox#pending#${pendingShard}'),
      sk: key('gsi3sk', ['dueAt', 'messageId'], '${dueAt}#${messageId}'),
    },
  },
});
