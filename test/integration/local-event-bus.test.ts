import { randomUUID } from 'node:crypto';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { eventBus } from '../../functions/app/port-wiring.js';
import { queueDefinitions } from '../../functions/app/queue-definitions.js';
import type { DomainEvent } from '../../functions/kernel/domain/domain-event.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { readEnv } from '../../functions/kernel/env.js';
import { localEventLog } from '../../functions/modules/notifications/adapters/local-event-bus.js';
import { createQueues, localSqsClient } from '../../scripts/local/queues.js';
import { createIsolatedTable } from '../support/env.js';

/**
 * The local event bus as the port wiring builds it locally (EVENT_BUS_MODE=local): each event
 * logged in the table, oldest first, and its JSON (the event itself, as the deployed rule's input
 * path `$.detail` gives it) sent to the `webhooks` queue.
 */

const sqs = localSqsClient(process.env.SQS_ENDPOINT ?? '');
afterAll(() => sqs.destroy());

const event = (n: number): DomainEvent => ({
  id: `event#session.cancelled#ses_${n}`,
  type: 'session.cancelled',
  version: 1,
  orgId: 'org_local',
  occurredAt: '2030-01-10T12:00:00.000Z',
  subject: { type: 'session', id: `ses_${n}` },
  data: { sessionId: `ses_${n}`, cancelledAt: '2030-01-10T12:00:00.000Z', cancelledBy: 'u_1' },
});

describe('the local event bus', () => {
  it('logs each event and hands it, as the event itself, to the webhooks queue', async () => {
    const tableName = await createIsolatedTable('bus');
    const [webhooks] = await createQueues({
      endpoint: process.env.SQS_ENDPOINT ?? '',
      prefix: `bus-${randomUUID().slice(0, 8)}`,
      definitions: queueDefinitions.filter((q) => q.name === 'webhooks'),
    });
    const base = readEnv();
    expect(base.EVENT_BUS_MODE).toBe('local');
    const env = { ...base, TABLE_NAME: tableName, queueUrls: { ...base.queueUrls, webhooks: webhooks?.url } };
    const documentClient = createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT });
    const bus = eventBus.build({ env, documentClient, service: createService(documentClient, tableName) });

    await bus.publish([event(1), event(2)]);

    const logged = await localEventLog(documentClient, tableName).list(10);
    expect(logged.map((e) => [e.source, e.detailType, e.detail])).toEqual([
      ['evently', 'session.cancelled', event(1)],
      ['evently', 'session.cancelled', event(2)],
    ]);
    const bodies: unknown[] = [];
    for (let i = 0; i < 10 && bodies.length < 2; i++) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: webhooks?.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      bodies.push(...Messages.map((m) => JSON.parse(m.Body ?? 'null')));
    }
    expect(bodies).toEqual([event(1), event(2)]);
  });
});
