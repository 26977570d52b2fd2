/**
 * `npm run bench:booking [-- --json] [--bookings=N] [--no-write]`: booking throughput and p50/p99
 * latency over HTTP at concurrency 1, 8 and 32 against the local runtime started in this process
 * (in memory), the DynamoDB calls one booking costs, and the raw throughput of the bare booking
 * transaction on the same DynamoDB Local, with the ratio of the two at concurrency 32. Writes
 * docs/performance.md (unless --no-write); `--json` prints the figures as one JSON object.
 * Exits 1 when a booking fails or the invariants do not hold afterwards; a missed target is
 * reported, not an error.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CallCounter,
  callsBetween,
  installCallCounter,
  TRANSACT_ITEMS,
  totalCalls,
} from './booking-load/call-counter.js';
import {
  type BookableSession,
  createAttendees,
  createBookableSession,
  createOrganizer,
  createSelfBookers,
  type Organizer,
} from './booking-load/catalog-fixture.js';
import { type BookingBenchFigures, targets } from './booking-load/figures.js';
import { type BookingRun, runHttpBookings } from './booking-load/http-booking.js';
import type { LoadFigures } from './booking-load/latency.js';
import { describeMachine } from './booking-load/machine.js';
import { renderPerformanceDoc } from './booking-load/performance-doc.js';
import {
  createRawContext,
  createRawCounter,
  type RawRun,
  rawBookingItems,
  rawClient,
  rawRouteItems,
  runRawBookings,
  runRawRouteBookings,
  runRawRouteTransactions,
} from './booking-load/raw-booking.js';
import { checkInvariants } from './invariants/check.js';
import { scanTable } from './invariants/scan.js';
import { api } from './local/api-client.js';
import { fail, silenceSdkNodeWarning } from './local/cli.js';
import { type LocalRuntime, startLocalRuntime } from './local/runtime.js';

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    bookings: { type: 'string', default: '600' },
    'no-write': { type: 'boolean', default: false },
  },
});

const levels = [1, 8, 32] as const;
const bookingsPerLevel = Number(flags.bookings);
const warmupBookings = 50;
const idleWindowMs = 3_000;
const docPath = resolve(import.meta.dirname, '../docs/performance.md');
const log = (line: string): void => {
  if (!flags.json) console.log(line);
};
const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The runtime works by itself now and then (schedule firer, sweeper): its rate, to subtract. */
const backgroundRate = async (counter: CallCounter): Promise<number> => {
  const before = counter.counts();
  await sleep(idleWindowMs);
  return (totalCalls(callsBetween(before, counter.counts())) / idleWindowMs) * 1000;
};

interface HttpResult {
  runs: Record<string, BookingRun>;
  calls: Record<string, number>;
  elapsedMs: number;
  bookings: number;
}

const prepare = async (rt: LocalRuntime) => {
  const token = await rt.mintToken({ sub: 'bench-owner', email: 'owner@bench.example', name: 'Bench' });
  const organizer = await createOrganizer(api(rt.url), token, 'Bench');
  log(
    `creating ${bookingsPerLevel + warmupBookings} users with their attendees, ${bookingsPerLevel} staff-made attendees…`,
  );
  const selfBookers = await createSelfBookers(
    organizer,
    rt.mintToken,
    bookingsPerLevel + warmupBookings,
    'bench',
  );
  const staffAttendees = await createAttendees(organizer, bookingsPerLevel + 1, 'bench-staff', 16);
  const sessions: BookableSession[] = [];
  for (const _ of [...levels, 'staff', 'warmup']) {
    sessions.push(await createBookableSession(organizer, { capacity: 100_000 }));
  }
  return { organizer, selfBookers, staffAttendees, sessions };
};

/** Bookings over HTTP with the DynamoDB calls they made (the counter's difference over the window). */
const counted = async <T>(counter: CallCounter, run: () => Promise<T>) => {
  const before = counter.counts();
  const started = performance.now();
  const result = await run();
  return { result, calls: callsBetween(before, counter.counts()), elapsedMs: performance.now() - started };
};

/**
 * The HTTP series: users booking for themselves at each level (the public's way, and a sold-out
 * night's), then staff booking for attendees at concurrency 32. Each session gets one booking
 * before its window, so what a function container remembers of a session is in place, as it is
 * after a session's first booking; the handlers, the JIT and the sockets are warmed on a session
 * of their own first.
 */
const runHttpLevels = async (
  organizer: Organizer,
  fixture: Awaited<ReturnType<typeof prepare>>,
  counter: CallCounter,
): Promise<{ self: HttpResult; staff: HttpResult }> => {
  const { selfBookers, staffAttendees, sessions } = fixture;
  const spare = selfBookers.slice(bookingsPerLevel);
  const staffSession = sessions[levels.length]!;
  await runHttpBookings(organizer, sessions[levels.length + 1]!, { kind: 'self', bookers: spare }, 8);
  for (const [i] of levels.entries()) {
    await runHttpBookings(organizer, sessions[i]!, { kind: 'self', bookers: spare.slice(0, 1) }, 1);
  }
  const first = { kind: 'staff', attendeeIds: staffAttendees.slice(bookingsPerLevel) } as const;
  await runHttpBookings(organizer, staffSession, first, 1);
  const runs: Record<string, BookingRun> = {};
  const self = await counted(counter, async () => {
    for (const [i, c] of levels.entries()) {
      const bookers = { kind: 'self', bookers: selfBookers.slice(0, bookingsPerLevel) } as const;
      const run = await runHttpBookings(organizer, sessions[i]!, bookers, c);
      log(`HTTP   c=${c}: ${run.throughputPerSec} bookings/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms`);
      runs[c] = run;
    }
  });
  const staff = await counted(counter, async () => {
    const bookers = { kind: 'staff', attendeeIds: staffAttendees.slice(0, bookingsPerLevel) } as const;
    const run = await runHttpBookings(organizer, staffSession, bookers, 32);
    log(`staff  c=32: ${run.throughputPerSec} bookings/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms`);
    return run;
  });
  return {
    self: { runs, calls: self.calls, elapsedMs: self.elapsedMs, bookings: levels.length * bookingsPerLevel },
    staff: {
      runs: { 32: staff.result },
      calls: staff.calls,
      elapsedMs: staff.elapsedMs,
      bookings: bookingsPerLevel,
    },
  };
};

/**
 * DynamoDB Local's JVM keeps getting faster for thousands of requests: without this, whichever
 * series runs later (the raw ones) would meet a warmer engine than the HTTP ones.
 */
const jvmWarmupTransactions = 3_000;

const warmDynamoDbLocal = async (endpoint: string, tableName: string) => {
  const client = rawClient(endpoint);
  try {
    const target = { tableName, orgId: 'org_benchraw', sessionId: 'ses_jvmwarmup' };
    await createRawCounter(client, target, 1_000_000);
    log(`warming DynamoDB Local with ${jvmWarmupTransactions} transactions…`);
    await runRawBookings(client, target, jvmWarmupTransactions, 32);
  } finally {
    client.destroy();
  }
};

/** One raw series: a counter (and context items) of its own per level, warmed, then measured. */
const runRawSeries = async (
  endpoint: string,
  tableName: string,
  label: string,
  run: RawRun,
): Promise<Record<string, LoadFigures>> => {
  const client = rawClient(endpoint);
  try {
    const figures: Record<string, LoadFigures> = {};
    for (const c of levels) {
      const target = { tableName, orgId: 'org_benchraw', sessionId: `ses_${label}${c}` };
      await createRawCounter(client, target, 1_000_000);
      await createRawContext(client, target);
      await run(client, target, warmupBookings, c);
      const f = await run(client, target, bookingsPerLevel, c);
      figures[c] = f;
      log(`${label.padEnd(9)} c=${c}: ${f.throughputPerSec} tx/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms`);
    }
    return figures;
  } finally {
    client.destroy();
  }
};

/** Calls per booking over the HTTP runs, minus what the runtime did by itself meanwhile. */
const perBooking = (http: HttpResult, backgroundPerSec: number) => {
  const background = (backgroundPerSec * http.elapsedMs) / 1000;
  const { [TRANSACT_ITEMS]: items = 0, ...commands } = http.calls;
  const byCommand = Object.fromEntries(
    Object.entries(commands).map(([name, n]) => [name, round(n / http.bookings)]),
  );
  const transactions = commands.TransactWriteItemsCommand ?? 0;
  return {
    total: round(Math.max(0, totalCalls(commands) - background) / http.bookings),
    byCommand,
    itemsPerTransaction: transactions ? round(items / transactions) : 0,
  };
};

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  if (!Number.isInteger(bookingsPerLevel) || bookingsPerLevel < 1)
    fail('--bookings must be a positive integer', 2);
  // Before the runtime starts: the functions create their DynamoDB client on first use.
  const counter = installCallCounter();
  // Free bookings have no holds: the once-a-minute holds sweep would only add its queries to the
  // counted window, so it is pushed beyond the run. Delivering the bookings' notifications is the
  // notifications function's work, after the booking answered: its consumer and the outbox sweep
  // are left out, so the figures are those of the booking path (which still hands each
  // notification to its queue).
  const rt = await startLocalRuntime({
    port: 0,
    inMemory: true,
    quiet: true,
    holdSweepIntervalMs: 3_600_000,
    outboxSweepIntervalMs: 3_600_000,
    unconsumedQueues: ['notifications'],
  });
  try {
    const fixture = await prepare(rt);
    await warmDynamoDbLocal(rt.dynamoEndpoint, rt.tableName);
    const backgroundPerSec = await backgroundRate(counter);
    const { self: http, staff } = await runHttpLevels(fixture.organizer, fixture, counter);
    const raw = await runRawSeries(rt.dynamoEndpoint, rt.tableName, 'raw', runRawBookings);
    const rawRoute = await runRawSeries(rt.dynamoEndpoint, rt.tableName, 'rawroute', runRawRouteBookings);
    const rawRouteTx = await runRawSeries(
      rt.dynamoEndpoint,
      rt.tableName,
      'routetx',
      runRawRouteTransactions,
    );
    const calls = perBooking(http, backgroundPerSec);
    const staffCalls = perBooking(staff, backgroundPerSec);
    const ratioAtC32 = round(http.runs[32]!.throughputPerSec / raw[32]!.throughputPerSec);
    const routeShapedRatioAtC32 = round(rawRoute[32]!.throughputPerSec / raw[32]!.throughputPerSec);
    const routeTransactionRatioAtC32 = round(rawRouteTx[32]!.throughputPerSec / raw[32]!.throughputPerSec);
    const sample = { tableName: rt.tableName, orgId: 'org_x', sessionId: 'ses_x' };
    const report = checkInvariants(await scanTable({ tableName: rt.tableName, endpoint: rt.dynamoEndpoint }));
    const figures: BookingBenchFigures = {
      machine: describeMachine(),
      http: http.runs,
      httpStaff: { run: staff.runs[32]!, callsPerBooking: staffCalls.total, byCommand: staffCalls.byCommand },
      raw,
      rawRoute,
      rawRouteTransaction: rawRouteTx,
      callsPerBooking: calls.total,
      callsPerBookingByCommand: calls.byCommand,
      transactionItems: {
        http: calls.itemsPerTransaction,
        raw: rawBookingItems(sample, 'att_x').length,
        rawRoute: rawRouteItems(sample, 'att_x').length,
      },
      backgroundCallsPerSec: round(backgroundPerSec),
      ratioAtC32,
      routeShapedRatioAtC32,
      routeTransactionRatioAtC32,
      targets: {
        ...targets,
        callsMet: Math.max(calls.total, staffCalls.total) <= targets.maxCallsPerBooking,
        ratioMet: ratioAtC32 >= targets.minRatioAtC32,
      },
      invariants: { ok: report.ok, violations: report.violations.length, bookings: report.bookings },
    };
    if (!flags['no-write']) writeFileSync(docPath, renderPerformanceDoc(figures));
    log(
      `calls per booking: ${calls.total} ${JSON.stringify(calls.byCommand)} (staff: ${staffCalls.total}); HTTP/raw at c=32: ${ratioAtC32}`,
    );
    if (flags.json) console.log(JSON.stringify(figures, null, 2));
    const failed = [...Object.values(http.runs), staff.runs[32]!].some(
      (r) => Object.keys(r.failures).length > 0,
    );
    process.exitCode = failed || !report.ok ? 1 : 0;
  } finally {
    await rt.stop();
    counter.stop();
  }
};

main().catch((error: Error) => fail(`bench:booking failed: ${error.stack ?? error.message}`));
