import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { entityBase, unlisted } from '../../../kernel/dynamo/entity-base.js';
import { nextHandoffAt } from '../domain/handoff.js';
import { notificationMessageId } from '../domain/model.js';
import { pendingShardOf } from './entities/outbox.js';
import type { NotificationRecord } from './notification-records.js';

/**
 * `notificationRecord`'s outbox item in DynamoDB's wire form, for a transaction sent on the
 * low-level client (kernel/dynamo/low-level-transaction.ts): the very item ElectroDB's `outbox`
 * entity writes (its index attributes and keys, its identity attributes `__edb_e__`/`__edb_v__`),
 * put only where none is (test/integration/booking-tx-items.test.ts holds the two equal).
 */

const outboxEntity: AttributeValue = { S: 'outbox' };
const entityVersion: AttributeValue = { S: entityBase.version };
const notificationKind: AttributeValue = { S: 'notification' };
const emailChannel: AttributeValue = { S: 'email' };
const pending: AttributeValue = { S: 'pending' };
const zero: AttributeValue = { N: '0' };
const one: AttributeValue = { N: '1' };
const keyNames = { '#pk': 'pk', '#sk': 'sk' };
const notThere = 'attribute_not_exists(#pk) AND attribute_not_exists(#sk)';

export const notificationRecordPut = (table: string, n: NotificationRecord): TransactWriteItem => {
  const messageId = notificationMessageId(n.key);
  const pendingShard = pendingShardOf(messageId);
  const dueAt = nextHandoffAt(Date.parse(n.at), 1);
  const sk = `${n.at}#${messageId}`;
  const item: Record<string, AttributeValue> = {
    pk: { S: `${n.orgId}#session#${n.sessionId}#outbox` },
    sk: { S: sk },
    orgId: { S: n.orgId },
    sessionId: { S: n.sessionId },
    messageId: { S: messageId },
    at: { S: n.at },
    kind: notificationKind,
    type: { S: n.type },
    channel: emailChannel,
    recipientId: { S: n.recipientId },
    status: pending,
    attempts: zero,
    handoffs: one,
    dueAt: { S: dueAt },
    payload: { S: JSON.stringify(n.payload) },
    pendingShard: { S: pendingShard },
    listedUser: { S: n.userId || unlisted },
    gsi3pk: { S: `outbox#pending#${pendingShard}` },
    gsi3sk: { S: `${dueAt}#${messageId}` },
    __edb_e__: outboxEntity,
    __edb_v__: entityVersion,
  };
  // In the in-app list (gsi1) only with a user to read it, as the entity's index condition says.
  if (n.userId) {
    item.userId = { S: n.userId };
    item.gsi1pk = { S: `user#${n.userId}#notifications` };
    item.gsi1sk = { S: sk };
  }
  return {
    Put: { TableName: table, Item: item, ConditionExpression: notThere, ExpressionAttributeNames: keyNames },
  };
};
