/**
 * `npm run bench:handler -- [--json] [--bookings=N] [--profile-bookings=N] [--cpu-prof-out=FILE]
 * [--no-write]`: what one free general-admission booking costs through the booking function's
 * handler (invoked directly with the API Gateway v2 event, as Lambda calls it, the JWT already
 * verified) against the raw write requests it sends (its claim `PutItem`, the `UpdateItem` taking
 * its places from a counter item, its `TransactWriteItems`: captured once and replayed in the same
 * order with the plain SDK, a fresh booking id in each copy) on the same DynamoDB Local, one
 * booking at a time and taking turns: CPU of this process per booking (`cpuRatio`, handler / raw),
 * p50/p95/p99 wall time, and the SQS requests it sends (none: the notification goes from the
 * table's stream); then the write units the booking's requests cost by DynamoDB's billing rules,
 * from their real items (`wcuPerBooking`: single writes as standard writes, the transaction's items
 * as transactional ones), beside the floor's (its counter update and booking item alone); then
 * where the handler's CPU goes (V8's sampling profiler over a series of handler bookings alone).
 * Writes the handler section of docs/performance.md (unless --no-write). Exits 1 when a booking
 * fails; a missed target is reported, not an error.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { withoutSdkLogging } from '../functions/kernel/aws/sdk-logging.js';
import { installCallCounter } from './booking-load/call-counter.js';
import { describeMachine, loadAverage1m } from './booking-load/machine.js';
import { rawClient } from './booking-load/raw-booking.js';
import { interleaved, type Probes } from './checkin-load/series.js';
import {
  type BookingWorld,
  bookingEvent,
  bookingFunction,
  buildBookingWorld,
  type HttpHandler,
  invokeBooking,
  loadBookingHandler,
} from './handler-load/booking-world.js';
import { profileWhile, summarizeProfile } from './handler-load/cpu-profile.js';
import {
  bookingSeries,
  type HandlerBenchFigures,
  round,
  targets,
  writeCost,
} from './handler-load/figures.js';
import { renderHandlerSection } from './handler-load/handler-doc.js';
import { replayTemplate } from './handler-load/replay.js';
import { countRequestsTo } from './handler-load/request-count.js';
import { startSqsChild } from './handler-load/sqs-child.js';
import { pickWrites, sendInOrder, type WriteRequest } from './handler-load/write-requests.js';
import { installWriteSizer, sendSized, type WriteSizer } from './handler-load/write-sizer.js';
import type { SizedAction } from './handler-load/write-units.js';
import { fail, silenceSdkNodeWarning } from './local/cli.js';
import { startStillRuntime } from './local/still-runtime.js';
import { findJvmCpu } from './notify-load/jvm-cpu.js';
import { writeMarkedSection } from './soak/marked-section.js';

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    bookings: { type: 'string', default: '300' },
    'profile-bookings': { type: 'string', default: '200' },
    'cpu-prof-out': { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});

const bookings = Number(flags.bookings);
const profileBookings = Number(flags['profile-bookings']);
/** Unmeasured rounds first: the container, the JIT, the sockets and the JVM warm up. */
const warmupBookings = 50;
/** Bookings whose write requests are read before and after to price them (outside the timed series). */
const sizedBookings = 5;
const idleWindowMs = 2_000;
const docPath = resolve(import.meta.dirname, '../docs/performance.md');
const log = (line: string): void => {
  if (!flags.json) console.log(line);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Bench {
  world: BookingWorld;
  handler: HttpHandler;
  raw: ReturnType<typeof rawClient>;
  sizer: WriteSizer;
  probes: Probes;
  sqsEndpoint: string;
  /** The handler's own write requests for one booking, captured once, to replay with the plain SDK. */
  replay: ReturnType<typeof replayTemplate>;
  /** The writes of a copy that make the floor: the counter update(s) and the booking put. */
  floor: (copy: readonly WriteRequest[]) => WriteRequest[];
}

/** Where each floor write is among a booking's requests: its request, and its item in a transaction. */
const floorPicks = (actions: readonly SizedAction[]) =>
  actions.flatMap((a) => {
    if (a.kind !== 'Update' && a.label !== 'booking') return [];
    const item =
      a.write === 'transactional' ? actions.filter((x) => x.request === a.request).indexOf(a) : null;
    return [{ request: a.request, item }];
  });

/**
 * Captures the handler's write requests from one booking (priced, so its items are labelled): the
 * second of the container, since its first reads what it books on (and opens the session's counter
 * items) before it commits. Every one must have succeeded, so that a copy replays a booking.
 */
const captureBooking = async (
  world: BookingWorld,
  handler: HttpHandler,
  raw: DynamoDBClient,
  sizer: WriteSizer,
) => {
  const [first, second] = world.take(2).map((booker) => bookingEvent(world, booker));
  await invokeBooking(handler, first!);
  const { cost, requests } = await sizer.sizeNext(raw, () => invokeBooking(handler, second!));
  if (cost.actions.some((a) => a.refused))
    throw new Error('the captured booking had a write refused: its requests do not replay a booking');
  const picks = floorPicks(cost.actions);
  return {
    replay: replayTemplate(requests),
    floor: (copy: readonly WriteRequest[]) => pickWrites(copy, picks),
  };
};

/** `count` rounds: a user books through the handler, the same requests replayed raw, taking turns. */
const rounds = (b: Bench, count: number) => {
  // Built beforehand: the Lambda runtime hands the handler a ready event, and the raw series sends
  // ready requests.
  const events = b.world.take(count).map((booker) => bookingEvent(b.world, booker));
  const replays = Array.from({ length: count }, () => b.replay.fresh());
  return interleaved(
    b.probes,
    count,
    (i) => invokeBooking(b.handler, events[i]!),
    (i) => sendInOrder(b.raw, replays[i]!),
  );
};

const idleCpuMsPerSec = async (): Promise<number> => {
  const before = process.cpuUsage();
  await sleep(idleWindowMs);
  const used = process.cpuUsage(before);
  return round((used.user + used.system) / idleWindowMs, 3);
};

const sizeWrites = async (b: Bench): Promise<HandlerBenchFigures['writeCost']> => {
  const handler = [];
  for (const booker of b.world.take(sizedBookings)) {
    const event = bookingEvent(b.world, booker);
    handler.push((await b.sizer.sizeNext(b.raw, () => invokeBooking(b.handler, event))).cost);
  }
  const floor = [];
  for (let i = 0; i < sizedBookings; i++) floor.push(await sendSized(b.raw, b.floor(b.replay.fresh())));
  return { handler: writeCost(handler), rawFloor: writeCost(floor) };
};

const profiled = async (b: Bench): Promise<HandlerBenchFigures['profile']> => {
  if (profileBookings < 1) return null;
  const events = b.world.take(profileBookings).map((booker) => bookingEvent(b.world, booker));
  const { profile } = await profileWhile(async () => {
    for (const event of events) await invokeBooking(b.handler, event);
  });
  if (flags['cpu-prof-out']) writeFileSync(flags['cpu-prof-out'], JSON.stringify(profile));
  return { bookings: profileBookings, ...summarizeProfile(profile, profileBookings) };
};

const measure = async (b: Bench, loadStart: number): Promise<HandlerBenchFigures> => {
  log(`warming up: ${warmupBookings} bookings through the handler, ${warmupBookings} raw…`);
  await rounds(b, warmupBookings);
  const idle = await idleCpuMsPerSec();
  log(`measuring: ${bookings} bookings through the handler and ${bookings} raw, taking turns…`);
  const sqsRequests = countRequestsTo(b.sqsEndpoint);
  const series = await rounds(b, bookings);
  sqsRequests.stop();
  const jvmFound = b.probes.jvm !== null;
  const handler = bookingSeries(series.a, jvmFound);
  const raw = bookingSeries(series.b, jvmFound);
  log(
    `sizing the write requests of ${sizedBookings} bookings through the handler, and of ${sizedBookings} floors, by their items…`,
  );
  const writes = await sizeWrites(b);
  log(`profiling ${profileBookings} bookings through the handler…`);
  const profile = await profiled(b);
  const cpuRatio = round(handler.cpuMsPerBooking / raw.cpuMsPerBooking);
  const wcuPerBooking = writes.handler.writeUnits.mean;
  return {
    machine: describeMachine(),
    loadAverage1m: { start: loadStart, end: loadAverage1m() },
    function: bookingFunction,
    cpuRatio,
    handler,
    raw,
    sqsRequestsPerBooking: round(sqsRequests.count() / bookings),
    idleCpuMsPerSec: idle,
    wcuPerBooking,
    writeCost: writes,
    profile,
    targets: {
      ...targets,
      cpuRatioMet: cpuRatio <= targets.maxCpuRatio,
      wcuMet: wcuPerBooking <= targets.maxWcuPerBooking,
    },
  };
};

const commandLine = (): string => {
  const args = process.argv
    .slice(2)
    .filter((a) => a !== '--json' && a !== '--no-write' && !a.startsWith('--cpu-prof-out'));
  return ['npm run bench:handler', ...(args.length ? ['--', ...args] : [])].join(' ');
};

const printTable = (f: HandlerBenchFigures): void => {
  const row = (name: string, s: HandlerBenchFigures['handler']) =>
    `${name.padEnd(8)}${String(s.cpuMsPerBooking).padStart(10)}${String(s.p50Ms).padStart(9)}${String(s.p99Ms).padStart(9)}${String(s.dynamoCallsPerBooking).padStart(7)}`;
  console.log(
    `\n${''.padEnd(8)}${'CPU ms'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'calls'.padStart(7)}`,
  );
  console.log(row('handler', f.handler));
  console.log(row('raw', f.raw));
  console.log(`\ncpuRatio ${f.cpuRatio} (target <= ${targets.maxCpuRatio})`);
  console.log(`SQS requests per booking ${f.sqsRequestsPerBooking}`);
  console.log(
    `wcuPerBooking ${f.wcuPerBooking} (target <= ${targets.maxWcuPerBooking}; raw floor ${f.writeCost.rawFloor.writeUnits.mean}); index write units ${f.writeCost.handler.indexWriteUnits}`,
  );
  for (const item of f.writeCost.handler.items)
    console.log(
      `  ${String(item.request + 1).padEnd(3)}${item.write.padEnd(14)}${item.kind.padEnd(15)}${item.label.padEnd(22)}${String(item.afterBytes ?? item.beforeBytes).padStart(6)} B ${item.writeUnits} WCU${item.refused ? ' (refused)' : ''}`,
    );
  console.log(`load average ${f.loadAverage1m.start} at the start, ${f.loadAverage1m.end} at the end`);
  if (f.profile) {
    const top = f.profile.selfByModule
      .slice(0, 8)
      .map((e) => `${e.name} ${e.ms}`)
      .join(', ');
    console.log(`profile (self ms per booking, of ${f.profile.busyMs} busy): ${top}`);
  }
};

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  if (!Number.isInteger(bookings) || bookings < 1) fail('--bookings must be a positive integer', 2);
  if (!Number.isInteger(profileBookings) || profileBookings < 0)
    fail('--profile-bookings must be a non-negative integer', 2);
  const started = performance.now();
  const loadStart = loadAverage1m();
  // Before the runtime loads the handlers: they create their DynamoDB clients on first use.
  const counter = installCallCounter();
  const sizer = installWriteSizer();
  const sqs = await startSqsChild();
  // Nothing works by itself during the run: no queue is consumed, nor the table's stream (the
  // booking's notification waits in the outbox), and the scheduler and every sweep are pushed beyond it.
  const rt = await startStillRuntime({ sqsEndpoint: sqs.endpoint });
  // The floor is as lean as the functions' own client: no SDK logging middleware.
  const raw = withoutSdkLogging(rawClient(rt.dynamoEndpoint));
  counter.watch(raw);
  try {
    const handler = await loadBookingHandler();
    const users = 2 + warmupBookings + bookings + sizedBookings + profileBookings;
    log(`creating ${users} users with their attendee records…`);
    const world = await buildBookingWorld(rt, users);
    const { replay, floor } = await captureBooking(world, handler, raw, sizer);
    const jvm = findJvmCpu();
    if (!jvm) log('DynamoDB Local JVM not found in /proc: its CPU is left out');
    const probes = { counter, jvm };
    const bench: Bench = {
      world,
      handler,
      raw,
      sizer,
      probes,
      sqsEndpoint: sqs.endpoint,
      replay,
      floor,
    };
    const figures = await measure(bench, loadStart);
    const elapsedSeconds = Math.round((performance.now() - started) / 1000);
    if (!flags['no-write'])
      writeMarkedSection(docPath, 'handler', renderHandlerSection(figures, commandLine(), elapsedSeconds));
    if (flags.json) console.log(JSON.stringify(figures, null, 2));
    else printTable(figures);
  } finally {
    raw.destroy();
    await rt.stop();
    await sqs.stop();
    counter.stop();
    sizer.stop();
  }
};

main().catch((error: Error) => fail(`bench:handler failed: ${error.stack ?? error.message}`));
