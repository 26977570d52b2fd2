import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { entityBase } from '../../../kernel/dynamo/entity-base.js';
import { key } from '../../../kernel/dynamo/entity-keys.js';
import type { NotificationChannels } from '../domain/ports.js';

/**
 * The local stand-in for SES, SNS and push: every message the local runtime "sends" is printed on
 * the console and kept as an item of the table, which `GET /local/outbox` lists. Only the local
 * runtime writes these items; the deployed stack never does.
 *
 * Key template: pk `local-deliveries`  sk `${at}#${deliveryId}`
 * One partition, not led by an org id: like a mail catcher it serves every organization, and
 * nothing but a developer's machine writes to it.
 */
export const localDeliveryEntity = new Entity({
  model: { ...entityBase, entity: 'localDelivery' },
  attributes: {
    deliveryId: { type: 'string', required: true, readOnly: true },
    at: { type: 'string', required: true, readOnly: true },
    channel: { type: 'string', required: true },
    to: { type: 'string', required: true },
    subject: { type: 'string', required: true },
    text: { type: 'string', required: true },
    orgId: { type: 'string', required: true },
    sessionId: { type: 'string', required: true },
    notificationId: { type: 'string', required: true },
    type: { type: 'string', required: true },
  },
  indexes: {
    byTime: {
      pk: key('pk', [], 'local-deliveries'),
      sk: key('sk', ['at', 'deliveryId'], '${at}#${deliveryId}'),
    },
  },
});

export type LocalDelivery = EntityItem<typeof localDeliveryEntity>;

export interface LocalDeliveryLog {
  record(delivery: LocalDelivery): Promise<void>;
  /** Newest first. */
  list(limit: number): Promise<LocalDelivery[]>;
}

export const localDeliveryLog = (client: DynamoDBDocumentClient, table: string): LocalDeliveryLog => {
  const entity = new Entity(localDeliveryEntity.schema, { client, table });
  return {
    async record(delivery) {
      await entity.put(delivery).go();
    },
    async list(limit) {
      const { data } = await entity.query.byTime({}).go({ order: 'desc', limit });
      return data;
    },
  };
};

/** Every channel, push included, "sends" into the log: locally there is no provider to lack. */
export const localChannels = (
  log: LocalDeliveryLog,
  print: (line: string) => void,
  clock: () => Date,
): NotificationChannels => ({
  async send(message) {
    const n = message.notification;
    const at = clock().toISOString();
    await log.record({
      deliveryId: `${n.messageId}#${message.channel}`,
      at,
      channel: message.channel,
      to: message.to,
      subject: message.subject,
      text: message.text,
      orgId: n.orgId,
      sessionId: n.sessionId,
      notificationId: n.notificationId,
      type: n.type,
    });
    print(`[outbox] ${at} ${message.channel} to ${message.to}: ${message.subject} (${n.type})`);
    return 'sent';
  },
});
