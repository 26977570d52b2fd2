import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { resetContainer } from '../../functions/app/container.js';
import { resetEnvCache } from '../../functions/kernel/env.js';
import { createInvite } from '../../functions/modules/organizations/domain/invites.js';
import {
  createOrganization,
  deleteOrganization,
} from '../../functions/modules/organizations/domain/organizations.js';
import { freshContainer, lambdaContext, user } from './fixtures.js';

/** The jobs function fed from the real jobs queue in fauxqs (the same path the local runtime polls). */
describe('jobs consumer with fauxqs', () => {
  let c: Container;
  let sqs: SQSClient;
  const queueUrl = () => process.env.QUEUE_URL_JOBS ?? '';
  beforeAll(async () => {
    c = await freshContainer();
    process.env.TABLE_NAME = (c as unknown as { tableName: string }).tableName;
    resetEnvCache();
    resetContainer();
    sqs = new SQSClient({ region: 'us-east-1', endpoint: process.env.SQS_ENDPOINT });
  });

  const receiveAll = async (): Promise<SQSEvent> => {
    const res = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl(), MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    return {
      Records: (res.Messages ?? []).map((m) => ({
        messageId: m.MessageId ?? '',
        receiptHandle: m.ReceiptHandle ?? '',
        body: m.Body ?? '',
        attributes: {} as never,
        messageAttributes: {},
        md5OfBody: m.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:jobs',
        awsRegion: 'us-east-1',
      })),
    };
  };

  /**
   * The queue is the run's shared one: other files' cascades are queued there too (nothing else
   * consumes it), so this file's message may be behind many. Received ten at a time until found;
   * the others stay in the queue.
   */
  const receiveMine = async (orgId: string): Promise<SQSEvent['Records']> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const mine = (await receiveAll()).Records.filter((r) => r.body.includes(orgId));
      if (mine.length > 0 || Date.now() > deadline) return mine;
    }
  };

  it('runs a cascade delete sent through the queue and fails malformed messages individually', async () => {
    const owner = user('q-owner');
    const org = await createOrganization(c.deps, owner, { name: 'Queued' });
    await createInvite(c.deps, owner, org.orgId, {
      email: 'a@example.com',
      role: 'viewer',
      expiresInHours: 1,
    });
    await deleteOrganization(c.deps, owner, org.orgId);

    const mine = await receiveMine(org.orgId);
    expect(mine).toHaveLength(1);
    const poison = { ...mine[0]!, messageId: 'poison', body: '{"type":"nope"}' };
    const { handler } = await import('../../functions/app/lambdas/jobs.js');
    const result = await handler({ Records: [...mine, poison] }, lambdaContext() as never);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'poison' }]);
    expect(await c.deps.orgs.get(org.orgId)).toBeUndefined();
    expect(
      (await c.deps.invites.list(org.orgId, undefined, new Date().toISOString(), { limit: 10 })).items,
    ).toEqual([]);
  });
});
