/**
 * `npm run bench:tracing -- [--json] [--bookings=N] [--warmup=N] [--rounds=N]`: what X-Ray
 * tracing through the Powertools tracer costs the booking function per request. The booking
 * handler is invoked directly (as bench:handler does: the API Gateway v2 event, the JWT already
 * verified), free general-admission bookings one at a time, in child processes of two kinds taking
 * turns: `traced`, with the tracer on as in a Lambda function with active tracing (a sampled trace
 * header per invocation, the handler's subsegment and one per DynamoDB and SQS call, sent to an
 * X-Ray daemon address this script listens on), and `untraced`, built without the tracer as the
 * deployed booking function is (`tracesCalls` unset). Prints each kind's CPU per booking (median
 * of its series), the difference and its share of the traced cost, and the trace documents sent
 * per booking. A full run (3 rounds of 2 x 180 bookings) takes about 40 s.
 */
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { functionDefinitions } from '../functions/app/function-definitions.js';
import { bundleFlags } from '../lib/constructs/bundling.js';
import { describeMachine } from './booking-load/machine.js';
import { bookingEvent, bookingFunction, buildBookingWorld } from './handler-load/booking-world.js';
import { fail, silenceSdkNodeWarning } from './local/cli.js';
import { startStillRuntime } from './local/still-runtime.js';
import type { ChildResult } from './tracing-load/child.js';

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    bookings: { type: 'string', default: '150' },
    warmup: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '3' },
  },
});
const bookings = Number(flags.bookings);
const warmup = Number(flags.warmup);
const rounds = Number(flags.rounds);
const projectRoot = path.resolve(import.meta.dirname, '..');
const childScript = path.join(import.meta.dirname, 'tracing-load/child.ts');
const run = promisify(execFile);
const round = (n: number, digits = 3): number => Number(n.toFixed(digits));
const log = (line: string): void => {
  if (!flags.json) console.log(line);
};

type Variant = 'traced' | 'untraced';

/**
 * Both kinds run as in Lambda, with the booking function's bundle flags (the source then leaves
 * out what its bundle does); only the tracer differs.
 */
const variantEnv = (variant: Variant, daemonPort: number): NodeJS.ProcessEnv => {
  const { AWS_XRAY_MANUAL_MODE: _manual, ...env } = process.env;
  const lambda = {
    ...env,
    ...bundleFlags(functionDefinitions[bookingFunction]),
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: projectRoot,
  };
  if (variant === 'untraced') return { ...lambda, EVENTLY_TRACES_CALLS: 'false' };
  return {
    ...lambda,
    EVENTLY_TRACES_CALLS: 'true',
    POWERTOOLS_TRACE_ENABLED: 'true',
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemonPort}`,
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
  };
};

/** Stands in for the X-Ray daemon: counts the UDP documents the SDK sends. */
const startDaemonSink = async () => {
  const socket = createSocket('udp4');
  let received = 0;
  socket.on('message', () => {
    received += 1;
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, received: () => received, close: () => socket.close() };
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  for (const [name, value] of Object.entries({ bookings, rounds }))
    if (!Number.isInteger(value) || value < 1) fail(`--${name} must be a positive integer`, 2);
  if (!Number.isInteger(warmup) || warmup < 0) fail('--warmup must be a non-negative integer', 2);
  const started = performance.now();
  // Nothing runs by itself meanwhile: no queue is consumed, the scheduler and sweeps wait.
  const rt = await startStillRuntime();
  const sink = await startDaemonSink();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evently-tracing-'));
  try {
    const perSeries = warmup + bookings;
    log(`creating ${perSeries * rounds * 2} users with their attendee records…`);
    const world = await buildBookingWorld(rt, perSeries * rounds * 2);
    const series: { variant: Variant; cpuMsPerBooking: number; documentsPerBooking: number }[] = [];
    for (let r = 0; r < rounds; r++) {
      // Taking turns at going first: a load that comes and goes meets both kinds.
      const order: Variant[] = r % 2 === 0 ? ['traced', 'untraced'] : ['untraced', 'traced'];
      for (const variant of order) {
        const file = path.join(dir, `${r}-${variant}.json`);
        writeFileSync(file, JSON.stringify(world.take(perSeries).map((b) => bookingEvent(world, b))));
        const sent = sink.received();
        log(`round ${r + 1}: ${variant}, ${perSeries} bookings…`);
        const { stdout } = await run(
          process.execPath,
          ['--import', 'tsx', childScript, file, String(warmup)],
          {
            cwd: projectRoot,
            env: variantEnv(variant, sink.port),
          },
        );
        const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
        series.push({
          variant,
          cpuMsPerBooking: round(result.cpuMsPerBooking),
          documentsPerBooking: round((sink.received() - sent) / perSeries, 2),
        });
      }
    }
    const of = (v: Variant) => series.filter((s) => s.variant === v);
    const traced = round(median(of('traced').map((s) => s.cpuMsPerBooking)));
    const untraced = round(median(of('untraced').map((s) => s.cpuMsPerBooking)));
    const figures = {
      machine: describeMachine(),
      loadAverage1mAtEnd: round(os.loadavg()[0] ?? 0, 2),
      function: bookingFunction,
      bookingsPerSeries: bookings,
      warmupPerSeries: warmup,
      rounds,
      series,
      cpuMsPerBooking: { traced, untraced },
      tracingCpuMsPerBooking: round(traced - untraced),
      tracingShareOfTraced: round((traced - untraced) / traced),
      traceDocumentsPerBooking: median(of('traced').map((s) => s.documentsPerBooking)),
      elapsedSeconds: Math.round((performance.now() - started) / 1000),
    };
    if (flags.json) console.log(JSON.stringify(figures, null, 2));
    else {
      for (const s of series)
        console.log(
          `${s.variant.padEnd(9)} ${s.cpuMsPerBooking} ms CPU per booking, ${s.documentsPerBooking} trace documents`,
        );
      console.log(
        `tracing costs ${figures.tracingCpuMsPerBooking} ms CPU per booking (${Math.round(figures.tracingShareOfTraced * 100)} % of the traced handler's)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    sink.close();
    await rt.stop();
  }
};

main().catch((error: Error) => fail(`bench:tracing failed: ${error.stack ?? error.message}`));
