/**
 * `npm run bench:notify -- [--notifications 600] [--json] [--no-write]`: what one notification
 * delivery costs (throughput, batch latency, DynamoDB calls by command, CPU of this process and
 * of DynamoDB Local) with 1 and 4 batches in flight, against the least a delivery with the same
 * guarantees writes (claim + complete with the plain SDK) on the same DynamoDB Local in the same
 * run. Writes the notify section of docs/performance.md (unless --no-write); `--json` prints the
 * figures as one JSON object. Exits 1 when the bench fails or a notification did not end `sent`
 * after exactly one hand-off.
 */

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CallCounter, installCallCounter } from './booking-load/call-counter.js';
import { describeMachine, loadAverage1m } from './booking-load/machine.js';
import { rawClient } from './booking-load/raw-booking.js';
import { fail, silenceSdkNodeWarning } from './local/cli.js';
import type { SqsHandler } from './local/queue-poller.js';
import { localSqsClient } from './local/queues.js';
import { type LocalRuntime, startLocalRuntime } from './local/runtime.js';
import { type BaselineTarget, putBaselineItems, runBaseline } from './notify-load/baseline-series.js';
import { seriesFigures } from './notify-load/batch-timing.js';
import { bookSet, buildNotifyWorld, type NotifyWorld } from './notify-load/booked-notifications.js';
import {
  type CountedCalls,
  callsPerNotification,
  countCalls,
  idleCallsPerSecond,
} from './notify-load/counted-calls.js';
import { checkDeliveries } from './notify-load/delivery-check.js';
import { type NotificationsQueue, queueArnOf, runDeliveries } from './notify-load/delivery-series.js';
import {
  type NotifyBenchFigures,
  round,
  type SeriesFigures,
  type SeriesRatios,
} from './notify-load/figures.js';
import { findJvmCpu, type JvmCpu } from './notify-load/jvm-cpu.js';
import { renderNotifySection } from './notify-load/notify-doc.js';
import { commandTable, ratioTable, seriesTable } from './notify-load/tables.js';
import { writeMarkedSection } from './soak/marked-section.js';

const { values: flags } = parseArgs({
  options: {
    notifications: { type: 'string', default: '600' },
    json: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});

const levels = [1, 4] as const;
const notifications = Number(flags.notifications);
/**
 * Delivered before the series, unmeasured: the handler's first batch loads its container, and
 * DynamoDB Local compiles the paths a delivery takes (BatchGetItem, the delivery log's put) when
 * it first runs them, which the first series would otherwise pay for.
 */
const warmupNotifications = 200;
/** Baseline deliveries before the series: DynamoDB Local's JVM gets faster for thousands of requests. */
const jvmWarmupItems = 1_000;
const idleWindowMs = 3_000;
const docPath = resolve(import.meta.dirname, '../docs/performance.md');
const log = (line: string): void => {
  if (!flags.json) console.log(line);
};

interface Bench {
  rt: LocalRuntime;
  counter: CallCounter;
  world: NotifyWorld;
  queue: NotificationsQueue;
  handler: SqsHandler;
  baseline: BaselineTarget;
  jvm: JvmCpu | null;
}

const ratio = (a: number | null, b: number | null): number | null => (a !== null && b ? round(a / b) : null);

const ratiosOf = (delivery: SeriesFigures, baseline: SeriesFigures): SeriesRatios => ({
  notificationsPerSec: round(delivery.notificationsPerSec / baseline.notificationsPerSec),
  processCpuPerNotification: round(
    delivery.processCpuMsPerNotification / baseline.processCpuMsPerNotification,
  ),
  dynamoDbLocalCpuPerNotification: ratio(
    delivery.dynamoDbLocalCpuMsPerNotification,
    baseline.dynamoDbLocalCpuMsPerNotification,
  ),
});

/** Unmeasured: the handler's container, the sockets and the JVM warmed before any series. */
const warmUp = async (b: Bench): Promise<void> => {
  log(`warming up: ${warmupNotifications} deliveries, ${jvmWarmupItems} baseline deliveries…`);
  await bookSet(b.world, warmupNotifications);
  await runDeliveries(b.queue, b.handler, { count: warmupNotifications, concurrency: 4, jvm: null });
  await putBaselineItems(b.baseline, 'warmup', jvmWarmupItems);
  await runBaseline(b.baseline, 'warmup', { count: jvmWarmupItems, concurrency: 4, jvm: null });
};

/** One level: a fresh set of bookings delivered by the handler, then the baseline right after. */
const runLevel = async (b: Bench, c: number, idlePerSec: number) => {
  log(`c=${c}: booking ${notifications}…`);
  await bookSet(b.world, notifications);
  const plan = { count: notifications, concurrency: c, jvm: b.jvm };
  const { result: run, calls } = await countCalls(b.counter, idlePerSec, () =>
    runDeliveries(b.queue, b.handler, plan),
  );
  const delivery = seriesFigures(run.timed, notifications, calls.total, run.failedRecords);
  await putBaselineItems(b.baseline, `c${c}`, notifications);
  const timed = await runBaseline(b.baseline, `c${c}`, plan);
  const baseline = seriesFigures(timed, notifications, 2 * notifications);
  log(
    `delivery c=${c}: ${delivery.notificationsPerSec}/s, p50 ${delivery.p50BatchMs} ms, p99 ${delivery.p99BatchMs} ms`,
  );
  log(
    `baseline c=${c}: ${baseline.notificationsPerSec}/s, p50 ${baseline.p50BatchMs} ms, p99 ${baseline.p99BatchMs} ms`,
  );
  return { delivery, baseline, calls };
};

const measure = async (b: Bench, loadStart: number): Promise<NotifyBenchFigures> => {
  await warmUp(b);
  const idlePerSec = await idleCallsPerSecond(b.counter, idleWindowMs);
  const delivery: Record<string, SeriesFigures> = {};
  const baseline: Record<string, SeriesFigures> = {};
  const ratios: Record<string, SeriesRatios> = {};
  const windows: CountedCalls[] = [];
  for (const c of levels) {
    const level = await runLevel(b, c, idlePerSec);
    delivery[c] = level.delivery;
    baseline[c] = level.baseline;
    ratios[c] = ratiosOf(level.delivery, level.baseline);
    windows.push(level.calls);
  }
  const expected = warmupNotifications + levels.length * notifications;
  const check = await checkDeliveries({ tableName: b.rt.tableName, endpoint: b.rt.dynamoEndpoint }, expected);
  return {
    notifications,
    machine: describeMachine(),
    loadAverage1m: { start: loadStart, end: loadAverage1m() },
    delivery,
    baseline,
    dynamoCallsPerNotification: callsPerNotification(windows, levels.length * notifications),
    backgroundCallsPerSec: round(idlePerSec),
    ratios,
    check,
  };
};

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  if (!Number.isInteger(notifications) || notifications < 1)
    fail('--notifications must be a positive integer', 2);
  const loadStart = loadAverage1m();
  // Before the runtime loads the handlers: they create their DynamoDB clients on first use.
  const counter = installCallCounter();
  // Nobody consumes the notifications queue: this process delivers its messages itself. Both
  // sweeps are pushed beyond the run, so no sweep message or query lands in a counted window.
  const rt = await startLocalRuntime({
    inMemory: true,
    quiet: true,
    port: 0,
    unconsumedQueues: ['notifications'],
    holdSweepIntervalMs: 3_600_000,
    outboxSweepIntervalMs: 3_600_000,
  });
  const sqs = localSqsClient(rt.sqsEndpoint);
  const db = DynamoDBDocumentClient.from(rawClient(rt.dynamoEndpoint));
  try {
    // After the runtime set the functions' environment: the module reads it when it loads.
    const { handler } = await import('../functions/app/lambdas/notifications.js');
    const jvm = findJvmCpu();
    if (!jvm) log('DynamoDB Local JVM not found in /proc: its CPU is left out');
    log(`creating ${notifications} users with their attendee records…`);
    const world = await buildNotifyWorld(rt, notifications);
    const url = rt.queueUrls.notifications;
    const queue = { sqs, url, arn: await queueArnOf(sqs, url) };
    const bench = {
      rt,
      counter,
      world,
      queue,
      handler,
      baseline: { client: db, tableName: rt.tableName },
      jvm,
    };
    const figures = await measure(bench, loadStart);
    if (!flags['no-write']) writeMarkedSection(docPath, 'notify', renderNotifySection(figures));
    if (flags.json) console.log(JSON.stringify(figures, null, 2));
    else
      for (const line of [...seriesTable(figures), '', ...ratioTable(figures), '', ...commandTable(figures)])
        console.log(line);
    log(
      `check: ${figures.check.sent}/${figures.check.expected} sent, ${figures.check.handoffsOne} with one hand-off`,
    );
    process.exitCode = figures.check.ok ? 0 : 1;
  } finally {
    sqs.destroy();
    db.destroy();
    await rt.stop();
    counter.stop();
  }
};

main().catch((error: Error) => fail(`bench:notify failed: ${error.stack ?? error.message}`));
