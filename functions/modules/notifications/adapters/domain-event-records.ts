import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { DomainEvent } from '../../../kernel/domain/domain-event.js';
import { entityBase, unlisted } from '../../../kernel/dynamo/entity-base.js';
import type { TxEntities } from '../../../kernel/dynamo/transactions.js';
import type { PublicDomainEvent } from '../contracts/domain-events.js';
import type { PublicEventType } from '../domain/domain-events.js';
import { pendingShardOf } from './entities/outbox.js';

/**
 * The one way a transaction writes a public domain event into the outbox (kind `domain-event`):
 * in the transaction of the change it reports, so a committed change is published even when the
 * process dies right after the commit, and a change that did not commit publishes nothing. The
 * item's messageId is the event's id and its payload the event itself; the relay publishes it to
 * the tenant's bus and marks it consumed. Outbox items live in a session's partition: every public
 * event is about a session's booking, payment, ticket, or the session itself.
 */

export interface DomainEventRecord<T extends PublicEventType = PublicEventType> {
  event: PublicDomainEvent<T>;
  sessionId: string;
}

export const domainEventRecord = <T extends PublicEventType>(tx: TxEntities, r: DomainEventRecord<T>) =>
  tx.outbox
    .create({
      orgId: r.event.orgId,
      sessionId: r.sessionId,
      messageId: r.event.id,
      at: r.event.occurredAt,
      kind: 'domain-event',
      type: r.event.type,
      status: 'pending',
      attempts: 0,
      payload: JSON.stringify(r.event satisfies DomainEvent),
    })
    .commit();

const outboxEntity: AttributeValue = { S: 'outbox' };
const entityVersion: AttributeValue = { S: entityBase.version };
const eventKind: AttributeValue = { S: 'domain-event' };
const pending: AttributeValue = { S: 'pending' };
const zero: AttributeValue = { N: '0' };
const unlistedUser: AttributeValue = { S: unlisted };
const keyNames = { '#pk': 'pk', '#sk': 'sk' };
const notThere = 'attribute_not_exists(#pk) AND attribute_not_exists(#sk)';

/**
 * `domainEventRecord`'s item in DynamoDB's wire form, for the transactions sent on the low-level
 * client (the booking hot path): the very item ElectroDB writes, put only where none is
 * (test/integration/booking-tx-items.test.ts holds the two equal).
 */
export const domainEventPut = <T extends PublicEventType>(
  table: string,
  r: DomainEventRecord<T>,
): TransactWriteItem => {
  const { event } = r;
  const messageId = event.id;
  const pendingShard = pendingShardOf(messageId);
  const at = event.occurredAt;
  return {
    Put: {
      TableName: table,
      Item: {
        pk: { S: `${event.orgId}#session#${r.sessionId}#outbox` },
        sk: { S: `${at}#${messageId}` },
        orgId: { S: event.orgId },
        sessionId: { S: r.sessionId },
        messageId: { S: messageId },
        at: { S: at },
        kind: eventKind,
        type: { S: event.type },
        status: pending,
        attempts: zero,
        payload: { S: JSON.stringify(event) },
        pendingShard: { S: pendingShard },
        dueAt: { S: at },
        listedUser: unlistedUser,
        gsi3pk: { S: `outbox#pending#${pendingShard}` },
        gsi3sk: { S: `${at}#${messageId}` },
        __edb_e__: outboxEntity,
        __edb_v__: entityVersion,
      },
      ConditionExpression: notThere,
      ExpressionAttributeNames: keyNames,
    },
  };
};
