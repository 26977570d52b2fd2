import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { queueDefinitions } from '../../functions/app/queue-definitions.js';
import { localHoldScheduler } from '../../functions/modules/bookings/adapters/local-hold-scheduler.js';
import {
  type LocalScheduleStore,
  localScheduleStore,
} from '../../functions/modules/bookings/adapters/local-schedule-store.js';
import { holdsMessageSchema } from '../../functions/modules/bookings/contracts/holds.js';
import type { HoldScheduler } from '../../functions/modules/bookings/domain/ports.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/aws-local.js';
import { createQueues, type LocalQueue, localSqsClient } from '../../scripts/local/queues.js';
import { startSchedulerFirer } from '../../scripts/local/scheduler-firer.js';
import { startHoldsSweeper } from '../../scripts/local/scheduler-sweeper.js';
import type { Repeating } from '../../scripts/local/scheduler-timer.js';
import { createIsolatedTable, testServers } from '../support/env.js';

/** The local stand-in for EventBridge Scheduler: schedules in DynamoDB Local, fired into fauxqs. */

const holdsDefinition = queueDefinitions.filter((d) => d.name === 'holds');
const T0 = new Date('2027-03-18T18:00:00.000Z');
const expiryAt = (ms: number) => ({
  orgId: 'org_0h3k5m7n9p1q3r5s7t9v',
  sessionId: 'ses_3f7h1k5m9p3r7t1v5x9z',
  bookingId: `bkg_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
  at: new Date(T0.getTime() + ms).toISOString(),
});

describe('local scheduler (DynamoDB Local + fauxqs)', () => {
  let dynamo: DynamoDBClient;
  let sqs: SQSClient;
  let tableName: string;
  let store: LocalScheduleStore;
  let scheduler: HoldScheduler;
  let queue: LocalQueue;
  const firers: Repeating[] = [];
  /** The firer's clock, moved by the tests. */
  let now = T0;

  beforeAll(async () => {
    const servers = testServers();
    tableName = await createIsolatedTable('sched');
    dynamo = new DynamoDBClient({
      endpoint: servers.dynamoEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    store = localScheduleStore(DynamoDBDocumentClient.from(dynamo), tableName);
    scheduler = localHoldScheduler(store);
    sqs = localSqsClient(servers.sqsEndpoint);
  });
  afterEach(async () => {
    for (const firer of firers.splice(0)) await firer.stop();
  });
  afterAll(() => {
    dynamo.destroy();
    sqs.destroy();
  });

  const freshQueue = async (): Promise<void> => {
    const created = await createQueues({
      endpoint: testServers().sqsEndpoint,
      prefix: `sched-${randomUUID().slice(0, 8)}`,
      definitions: holdsDefinition,
    });
    if (!created[0]) throw new Error('no queue created');
    queue = created[0];
  };

  const startFirer = (): void => {
    firers.push(
      startSchedulerFirer({
        dynamoEndpoint: testServers().dynamoEndpoint,
        tableName,
        sqsEndpoint: testServers().sqsEndpoint,
        queueUrls: { holds: queue.url },
        intervalMs: 50,
        now: () => now,
      }),
    );
  };

  const received = async (): Promise<unknown[]> => {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    return (out.Messages ?? []).map((m) => holdsMessageSchema.parse(JSON.parse(m.Body ?? '')));
  };

  /** Long enough for several firer rounds (50 ms apart). */
  const severalRounds = () => new Promise((r) => setTimeout(r, 400));

  it('delivers the hold.expire payload once it is due and not before, then deletes the schedule', async () => {
    await freshQueue();
    now = T0;
    const expiry = expiryAt(30_000);
    await scheduler.scheduleExpiry(expiry);
    startFirer();
    await severalRounds();
    expect(await received()).toEqual([]);
    expect(await store.listDue(new Date(expiry.at), 10)).toHaveLength(1);
    expect(await store.listDue(new Date(Date.parse(expiry.at) - 1), 10)).toEqual([]);

    now = new Date(expiry.at);
    await vi.waitFor(async () => expect(await received()).toEqual([{ type: 'hold.expire', ...expiry }]), {
      timeout: 5000,
      interval: 100,
    });
    await vi.waitFor(async () => expect(await store.listDue(new Date(expiry.at), 10)).toEqual([]));
    await severalRounds();
    expect(await received()).toEqual([]);
  });

  it('fires, after a restart over the same table, a schedule made before the restart', async () => {
    await freshQueue();
    now = T0;
    const expiry = expiryAt(60_000);
    startFirer();
    await scheduler.scheduleExpiry(expiry);
    await severalRounds();
    // The runtime stops before the deadline (Ctrl-C), and a new one starts over the kept table.
    for (const firer of firers.splice(0)) await firer.stop();
    expect(await received()).toEqual([]);
    now = new Date(T0.getTime() + 120_000);
    startFirer();
    await vi.waitFor(async () => expect(await received()).toEqual([{ type: 'hold.expire', ...expiry }]), {
      timeout: 5000,
      interval: 100,
    });
  });

  it('makes one schedule when scheduled twice, and none once cancelled', async () => {
    await freshQueue();
    now = T0;
    const twice = expiryAt(1000);
    const cancelled = expiryAt(1000);
    await scheduler.scheduleExpiry(twice);
    await scheduler.scheduleExpiry(twice);
    await scheduler.scheduleExpiry(cancelled);
    const { at: _at, ...cancelledRef } = cancelled;
    await scheduler.cancelExpiry(cancelledRef);
    await scheduler.cancelExpiry(cancelledRef);
    now = new Date(T0.getTime() + 2000);
    startFirer();
    await vi.waitFor(async () => expect(await store.listDue(now, 10)).toEqual([]), { timeout: 5000 });
    await severalRounds();
    const messages: unknown[] = [];
    for (let i = 0; i < 3; i++) messages.push(...(await received()));
    expect(messages).toEqual([{ type: 'hold.expire', ...twice }]);
  });

  it('runs the sweeper rule locally: a holds.sweep message on the holds queue every interval, until stopped', async () => {
    await freshQueue();
    const sweeper = startHoldsSweeper({
      sqsEndpoint: testServers().sqsEndpoint,
      holdsQueueUrl: queue.url,
      intervalMs: 100,
    });
    firers.push(sweeper);
    const messages: unknown[] = [];
    await vi.waitFor(
      async () => {
        messages.push(...(await received()));
        expect(messages.length).toBeGreaterThanOrEqual(2);
      },
      { timeout: 5000, interval: 150 },
    );
    expect(new Set(messages.map((m) => JSON.stringify(m)))).toEqual(new Set(['{"type":"holds.sweep"}']));
    await sweeper.stop();
    await received();
    await severalRounds();
    expect(await received()).toEqual([]);
  });
});
