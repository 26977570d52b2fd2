import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { createDocumentClient } from '../../../kernel/dynamo/client.js';
import { entityBase } from '../../../kernel/dynamo/entity-base.js';
import { key } from '../../../kernel/dynamo/entity-keys.js';
import type { Env } from '../../../kernel/env.js';
import type { Notification } from '../domain/model.js';
import type { NotificationChannels, PushEndpoints } from '../domain/ports.js';

/**
 * The local stand-in for SES and SNS (SMS and mobile push): every message the local runtime "sends" is printed on
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
    /** Push: the device's endpoint (`local:<platform>:<deviceId>`); one line per device. */
    endpoint: { type: 'string' },
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

/** The log of the local runtime's table, how it prints, and its clock: what both local senders take. */
export const localDeliveryOf = (
  env: Env,
): [log: LocalDeliveryLog, print: (line: string) => void, clock: () => Date] => [
  localDeliveryLog(
    createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT }),
    env.TABLE_NAME,
  ),
  (line) => {
    if (env.NOTIFY_LOCAL_ECHO === 'on') console.log(line);
  },
  () => new Date(),
];

/** What one line of the log says: a message on one channel to one address (or one device). */
interface Logged {
  channel: string;
  to: string;
  subject: string;
  notification: Notification;
  text: string;
  endpoint?: string;
}

/** Records one message in the log and prints it. */
const logDelivery =
  (log: LocalDeliveryLog, print: (line: string) => void, clock: () => Date) =>
  async ({ notification: n, endpoint, ...message }: Logged): Promise<void> => {
    const at = clock().toISOString();
    await log.record({
      deliveryId: `${n.messageId}#${message.channel}${endpoint ? `#${endpoint}` : ''}`,
      at,
      ...message,
      ...(endpoint ? { endpoint } : {}),
      orgId: n.orgId,
      sessionId: n.sessionId,
      notificationId: n.notificationId,
      type: n.type,
    });
    const device = endpoint ? ` (${endpoint})` : '';
    print(`[outbox] ${at} ${message.channel} to ${message.to}${device}: ${message.subject} (${n.type})`);
  };

/** Email and SMS "send" into the log: locally there is no provider to lack. */
export const localChannels = (
  log: LocalDeliveryLog,
  print: (line: string) => void,
  clock: () => Date,
): NotificationChannels => {
  const record = logDelivery(log, print, clock);
  return {
    async send(message) {
      await record(message);
      return 'sent';
    },
  };
};

/**
 * Push without SNS: a device's endpoint is `local:<platform>:<deviceId>` (no call anywhere), and
 * a push to it is one line of the log, to its user, naming the endpoint.
 */
export const localPushEndpoints = (
  log: LocalDeliveryLog,
  print: (line: string) => void,
  clock: () => Date,
): PushEndpoints => {
  const record = logDelivery(log, print, clock);
  return {
    configured: () => true,
    create: async (platform, _token, deviceId) => `local:${platform}:${deviceId}`,
    remove: async () => {},
    async publish(device, message) {
      await record({ channel: 'push', to: device.userId, endpoint: device.endpointId, ...message });
      return 'sent';
    },
  };
};
