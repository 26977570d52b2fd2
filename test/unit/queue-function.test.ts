import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../support/lambda-context.js';

/**
 * The queue consumers' entry: records are not started once the function is close to its deadline
 * (they come back as batch item failures), and long records see the same budget run out.
 */

type QueueFunctionModule = typeof import('../../functions/kernel/queue/queue-function.js');
let mod: QueueFunctionModule;

beforeAll(async () => {
  // Read when the observability module loads: no metrics output in unit tests.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  mod = await import('../../functions/kernel/queue/queue-function.js');
});

const record = (id: string): SQSRecord =>
  ({
    messageId: id,
    receiptHandle: id,
    body: '{}',
    attributes: {},
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
    awsRegion: 'us-east-1',
  }) as SQSRecord;

/** A context whose clock the test moves: `remaining.ms` are left until it says otherwise. */
const contextWith = (remaining: { ms: number }): Context => lambdaContext(() => remaining.ms) as Context;

const event = (...ids: string[]): SQSEvent => ({ Records: ids.map(record) });

describe('queue function deadline', () => {
  it('runs every record while time is ample', async () => {
    const ran: string[] = [];
    const handler = mod.queueFunction(async (r) => {
      ran.push(r.messageId);
    });
    const response = await handler(event('a', 'b'), contextWith({ ms: 25_000 }));
    expect(response.batchItemFailures).toEqual([]);
    expect(ran.sort()).toEqual(['a', 'b']);
  });

  it('does not start records once the deadline is near, and returns them for redelivery', async () => {
    const ran: string[] = [];
    const remaining = { ms: 25_000 };
    const handler = mod.queueFunction(
      async (r) => {
        ran.push(r.messageId);
      },
      { partialEvenWhenAllFail: true },
    );
    // The batch began with 25 s; by the time its records start, less than the reserve is left.
    const context = contextWith(remaining);
    const answer = handler(event('a', 'b'), context);
    remaining.ms = 1_000;
    const response = await answer;
    expect(ran).toEqual([]);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['a', 'b']);
  });

  it("hands long records the invocation's budget, which runs out before the deadline", async () => {
    const remaining = { ms: 25_000 };
    const seen: boolean[] = [];
    const handler = mod.queueFunction(async (_r, budget) => {
      seen.push(budget.hasTime());
      remaining.ms = 8_000;
      seen.push(budget.hasTime());
      remaining.ms = 7_000;
      seen.push(budget.hasTime());
    });
    await handler(event('a'), contextWith(remaining));
    // 30% of the 25 s it began with is kept back: 7.5 s.
    expect(seen).toEqual([true, true, false]);
  });

  it('answers before the deadline with a record that hangs reported failed, the finished ones not', async () => {
    const began = Date.now();
    // 2.6 s left: 2 s kept back, records still running with 1 s left are given up on.
    const context = lambdaContext(() => 2_600 - (Date.now() - began)) as Context;
    const handler = mod.queueFunction(async (r) => {
      if (r.messageId === 'hangs') await new Promise(() => undefined);
    });
    const response = await handler(event('done', 'hangs'), context);
    const answeredWithMs = context.getRemainingTimeInMillis();
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'hangs' }]);
    expect(answeredWithMs).toBeGreaterThan(500);
    expect(answeredWithMs).toBeLessThanOrEqual(1_000);
  });

  it('runs work that records of one batch share once, and each record awaits that one run', async () => {
    let runs = 0;
    const answers: number[] = [];
    const handler = mod.queueFunction(async (r, budget) => {
      const key = r.messageId === 'c' ? 'other' : 'same';
      answers.push(
        await budget.once(key, async () => {
          runs += 1;
          return runs;
        }),
      );
    });
    const response = await handler(event('a', 'b', 'c'), contextWith({ ms: 25_000 }));
    expect(response.batchItemFailures).toEqual([]);
    expect(runs).toBe(2);
    expect(answers).toHaveLength(3);
    // A new batch runs it again.
    await handler(event('a'), contextWith({ ms: 25_000 }));
    expect(runs).toBe(3);
  });
});
