import { Entity } from 'electrodb';
import { entityBase } from './base.js';

/**
 * The transactional outbox: notifications to deliver and domain events to consume (e.g.
 * `capacity.released` for the waitlist), written in the transaction of the change they report.
 * Delivery and consumption come later and move `status` on.
 *
 * Key template: pk `${orgId}#session#${sessionId}#outbox`  sk `${at}#${messageId}`
 */
export const outboxEntity = new Entity({
  model: { ...entityBase, entity: 'outbox' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string', required: true, readOnly: true },
    messageId: { type: 'string', required: true, readOnly: true },
    at: { type: 'string', required: true, readOnly: true },
    kind: { type: ['notification', 'domain-event'] as const, required: true, readOnly: true },
    /** e.g. `booking.confirmed`, `capacity.released`. */
    type: { type: 'string', required: true, readOnly: true },
    channel: { type: ['email', 'sms', 'push', 'in_app'] as const },
    /** The attendee or party a notification is for. */
    recipientId: { type: 'string' },
    /** The user who reads a notification in-app, when the recipient is linked to one. */
    userId: { type: 'string', readOnly: true },
    status: { type: ['pending', 'sent', 'failed', 'consumed'] as const, required: true },
    attempts: { type: 'number', required: true },
    /** JSON of the message body. */
    payload: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    bySession: {
      pk: {
        field: 'pk',
        composite: ['orgId', 'sessionId'],
        template: '${orgId}#session#${sessionId}#outbox',
        casing: 'none',
      },
      sk: { field: 'sk', composite: ['at', 'messageId'], template: '${at}#${messageId}', casing: 'none' },
    },
  },
});
