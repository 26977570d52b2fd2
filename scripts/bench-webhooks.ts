/**
 * `npm run bench:webhooks -- [--json] [--seconds N] [--events-per-second N] [--bookings-per-second N]
 * [--receiver-ms N] [--no-write]`: whether outgoing webhooks slow bookings down. On the local
 * runtime (in memory, every queue consumed), two phases of the same load, one after the other:
 * bookings over HTTP at a steady rate while domain events flow into the `webhooks` queue at
 * `--events-per-second` (as the tenant's bus would put them there), first with no subscription
 * (the baseline: each event fans out to nothing), then with a subscription of the organization to
 * a slow receiver (every answer takes `--receiver-ms`), so every event becomes a delivery that
 * waits in its lane. Booking latency p50/p95 of each phase, and what the receiver got. Writes the
 * webhooks section of docs/performance.md (unless --no-write); `--json` prints the figures.
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GetQueueAttributesCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  createAttendees,
  createBookableSession,
  createOrganizer,
  type Organizer,
} from './booking-load/catalog-fixture.js';
import { percentile } from './booking-load/latency.js';
import { describeMachine, loadAverage1m, type Machine } from './booking-load/machine.js';
import { api } from './local/api-client.js';
import { fail, silenceSdkNodeWarning } from './local/cli.js';
import { localSqsClient } from './local/queues.js';
import { startLocalRuntime } from './local/runtime.js';
import { writeMarkedSection } from './soak/marked-section.js';

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '20' },
    'events-per-second': { type: 'string', default: '100' },
    'bookings-per-second': { type: 'string', default: '2' },
    'receiver-ms': { type: 'string', default: '2000' },
    'no-write': { type: 'boolean', default: false },
  },
});

const seconds = Number(flags.seconds);
const eventsPerSecond = Number(flags['events-per-second']);
const bookingsPerSecond = Number(flags['bookings-per-second']);
const receiverMs = Number(flags['receiver-ms']);
const docPath = resolve(import.meta.dirname, '../docs/performance.md');
const log = (line: string): void => {
  if (!flags.json) console.log(line);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

interface PhaseFigures {
  bookings: number;
  failedBookings: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  eventsSent: number;
  /** Requests the receiver got during the phase (each answered after `receiverMs`). */
  receiverRequests: number;
  /** Messages waiting on the webhooks queue when the phase ended (visible and in flight). */
  queueDepthAtEnd: number;
}

interface WebhookBenchFigures {
  machine: Machine;
  loadAverage1m: { start: number; end: number };
  settings: { seconds: number; eventsPerSecond: number; bookingsPerSecond: number; receiverMs: number };
  baseline: PhaseFigures;
  withSlowSubscription: PhaseFigures;
  p95Ratio: number;
  /** The webhooks consumer over the whole run: batches, records, the longest batch. */
  webhooksConsumer: { batches: number; records: number; failedRecords: number; maxBatchMs: number };
}

/** A receiver that answers 200 after `delayMs`, counting what it got. */
const startSlowReceiver = async (delayMs: number) => {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests += 1;
      setTimeout(() => res.writeHead(200).end(), delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests: () => requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
};

let eventSeq = 0;

/** A batch of 10 domain events of the organization (50 bookings' worth of subjects). */
const eventBatch = (orgId: string) =>
  Array.from({ length: 10 }, () => {
    eventSeq += 1;
    const event = {
      id: `bench-${eventSeq}`,
      type: 'booking.confirmed',
      version: 1,
      orgId,
      occurredAt: new Date().toISOString(),
      subject: { type: 'booking', id: `bkg-bench-${eventSeq % 50}` },
      data: { n: eventSeq },
    };
    return { Id: String(eventSeq), MessageBody: JSON.stringify(event) };
  });

const queueDepth = async (sqs: SQSClient, url: string): Promise<number> => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
};

/** Waits (at most `limitMs`) until the queue holds nothing: the next phase starts without a backlog. */
const drained = async (depth: () => Promise<number>, limitMs: number): Promise<number> => {
  const until = Date.now() + limitMs;
  let left = await depth();
  while (left > 0 && Date.now() < until) {
    await sleep(500);
    left = await depth();
  }
  return left;
};

/** `seconds` of bookings at a steady rate and events into the webhooks queue, side by side. */
const runPhase = async (
  organizer: Organizer,
  sessionId: string,
  attendees: string[],
  feedEvents: (orgId: string) => Promise<void>,
  receiverRequests: () => number,
  depth: () => Promise<number>,
): Promise<PhaseFigures> => {
  const latencies: number[] = [];
  let failed = 0;
  let eventsSent = 0;
  const receivedBefore = receiverRequests();
  const endAt = Date.now() + seconds * 1000;
  const feeding = (async () => {
    const batchesPerSecond = eventsPerSecond / 10;
    for (let tick = 0; Date.now() < endAt; tick++) {
      const due = endAt - seconds * 1000 + (tick * 1000) / batchesPerSecond;
      if (due > Date.now()) await sleep(due - Date.now());
      await feedEvents(organizer.orgId);
      eventsSent += 10;
    }
  })();
  const booking: Promise<void>[] = [];
  const start = Date.now();
  for (let i = 0; i < attendees.length && Date.now() < endAt; i++) {
    const due = start + (i * 1000) / bookingsPerSecond;
    if (due > Date.now()) await sleep(due - Date.now());
    booking.push(
      (async () => {
        const begun = performance.now();
        const res = await organizer.call(
          'POST',
          `/v1/orgs/${organizer.orgId}/sessions/${sessionId}/bookings`,
          {
            token: organizer.token,
            body: { attendeeId: attendees[i], seats: 1 },
          },
        );
        if (res.status === 201) latencies.push(performance.now() - begun);
        else failed += 1;
      })(),
    );
  }
  await Promise.all([feeding, ...booking]);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    bookings: sorted.length,
    failedBookings: failed,
    p50Ms: round(percentile(sorted, 50), 1),
    p95Ms: round(percentile(sorted, 95), 1),
    maxMs: round(sorted.at(-1) ?? Number.NaN, 1),
    eventsSent,
    receiverRequests: receiverRequests() - receivedBefore,
    queueDepthAtEnd: await depth(),
  };
};

const renderSection = (f: WebhookBenchFigures, command: string): string => {
  const row = (name: string, p: PhaseFigures) =>
    `| ${name} | ${p.bookings} (${p.failedBookings} failed) | ${p.p50Ms} | ${p.p95Ms} | ${p.maxMs} | ${p.eventsSent} | ${p.queueDepthAtEnd} | ${p.receiverRequests} |`;
  return [
    '## Webhooks: bookings while events flow to a slow receiver',
    '',
    `\`${command}\` on ${f.machine.cpus} × ${f.machine.cpuModel} (load ${f.loadAverage1m.start} → ${f.loadAverage1m.end}):`,
    `${f.settings.bookingsPerSecond} bookings/s over HTTP for ${f.settings.seconds} s while ` +
      `${f.settings.eventsPerSecond} domain events/s go into the \`webhooks\` queue; first with no ` +
      `subscription, then with the organization subscribed (\`*\`) to a receiver that answers after ` +
      `${f.settings.receiverMs} ms.`,
    '',
    '| phase | bookings | p50 ms | p95 ms | max ms | events sent | queue depth at end | receiver requests |',
    '|---|---|---|---|---|---|---|---|',
    row('no subscription (baseline)', f.baseline),
    row('subscribed to the slow receiver', f.withSlowSubscription),
    '',
    `p95 with the slow subscription / baseline: **${f.p95Ratio}**. The webhooks consumer handled ` +
      `${f.webhooksConsumer.records} messages in ${f.webhooksConsumer.batches} batches ` +
      `(${f.webhooksConsumer.failedRecords} failed; longest batch ${f.webhooksConsumer.maxBatchMs} ms).`,
  ].join('\n');
};

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  for (const [name, n] of Object.entries({ seconds, eventsPerSecond, bookingsPerSecond, receiverMs }))
    if (!Number.isFinite(n) || n <= 0) fail(`--${name} must be a positive number`, 2);
  const loadStart = loadAverage1m();
  const receiver = await startSlowReceiver(receiverMs);
  const rt = await startLocalRuntime({ port: 0, inMemory: true, quiet: true, queueWaitSeconds: 1 });
  try {
    const call = api(rt.url);
    const token = await rt.mintToken({ sub: 'bench-owner', email: 'owner@bench.example', name: 'Owner' });
    const organizer = await createOrganizer(call, token, 'Webhook bench');
    const perPhase = Math.ceil(seconds * bookingsPerSecond) + 5;
    const { sessionId } = await createBookableSession(organizer, { capacity: 4 * perPhase });
    log(`creating ${2 * perPhase} attendees…`);
    const attendees = await createAttendees(organizer, 2 * perPhase, `bench-${Date.now().toString(36)}`);
    const sqs = localSqsClient(rt.sqsEndpoint);
    const feed = async (orgId: string) => {
      await sqs.send(
        new SendMessageBatchCommand({ QueueUrl: rt.queueUrls.webhooks, Entries: eventBatch(orgId) }),
      );
    };
    const depth = () => queueDepth(sqs, rt.queueUrls.webhooks);
    log(`baseline: ${seconds} s with no subscription…`);
    const baseline = await runPhase(
      organizer,
      sessionId,
      attendees.slice(0, perPhase),
      feed,
      receiver.requests,
      depth,
    );
    const left = await drained(depth, 120_000);
    if (left > 0) log(`the webhooks queue still holds ${left} messages of the baseline`);
    const created = await call('POST', `/v1/orgs/${organizer.orgId}/webhooks`, {
      token,
      body: { url: receiver.url, eventTypes: ['*'], description: 'slow receiver' },
    });
    if (created.status !== 201) fail(`subscribing failed: ${created.status} ${created.text}`);
    log(`with a subscription to a receiver answering after ${receiverMs} ms: ${seconds} s…`);
    const withSlowSubscription = await runPhase(
      organizer,
      sessionId,
      attendees.slice(perPhase),
      feed,
      receiver.requests,
      depth,
    );
    const consumer = (await rt.stats()).consumers.webhooks;
    const figures: WebhookBenchFigures = {
      machine: describeMachine(),
      loadAverage1m: { start: loadStart, end: loadAverage1m() },
      settings: { seconds, eventsPerSecond, bookingsPerSecond, receiverMs },
      baseline,
      withSlowSubscription,
      p95Ratio: round(withSlowSubscription.p95Ms / baseline.p95Ms, 2),
      webhooksConsumer: {
        batches: consumer.batches,
        records: consumer.records,
        failedRecords: consumer.failedRecords,
        maxBatchMs: consumer.maxBatchMs,
      },
    };
    const args = process.argv.slice(2).filter((a) => a !== '--json' && a !== '--no-write');
    const command = ['npm run bench:webhooks', ...(args.length ? ['--', ...args] : [])].join(' ');
    if (!flags['no-write']) writeMarkedSection(docPath, 'webhooks', renderSection(figures, command));
    if (flags.json) console.log(JSON.stringify(figures, null, 2));
    log(
      `baseline:          p50 ${baseline.p50Ms} ms, p95 ${baseline.p95Ms} ms (${baseline.bookings} bookings)`,
    );
    log(
      `slow subscription: p50 ${withSlowSubscription.p50Ms} ms, p95 ${withSlowSubscription.p95Ms} ms ` +
        `(${withSlowSubscription.bookings} bookings, receiver got ${withSlowSubscription.receiverRequests})`,
    );
    if (baseline.failedBookings + withSlowSubscription.failedBookings > 0) process.exitCode = 1;
  } finally {
    await rt.stop();
    await receiver.close();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
