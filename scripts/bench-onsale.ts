/**
 * `npm run bench:onsale -- [--json] [--places=N] [--buyers=N] [--concurrency=N] [--hold-ms=MS]
 * [--group-share=S] [--org-sessions=N] [--seed=N] [--no-write]`: on-sale night. One free, published,
 * general-admission session of `places` places (5,000) and `buyers` signed-in users (500), each
 * with their own attendee record, booking through the booking function's handler (invoked directly
 * with API Gateway v2 events, as Lambda calls it) against DynamoDB Local behind the contention
 * model, all at once, until every buyer has been told "sold out". Twice in one invocation, over one
 * table: with the deployed counter sharding, and with one counter item per session
 * (`COUNTER_MAX_SHARDS=1`). Prints goodput, the 503 share, p99, oversold (with the invariant
 * checker, the session's confirmed places and its availability at the end) and the projection of
 * bookings a second in AWS for one session and one organization (scripts/onsale-load/projection.ts).
 * Writes the onsale section of docs/performance.md (unless --no-write). Exits 1 when a place is
 * oversold, an invariant is broken, a buyer was refused while places were free, or a booking got an
 * unexpected answer; a missed target is reported, not an error.
 */
import { resolve } from 'node:path';
import { describeMachine, loadAverage1m } from './booking-load/machine.js';
import { fail, silenceSdkNodeWarning } from './local/cli.js';
import {
  type OnsaleBenchFigures,
  type OnsaleRun,
  onsaleTargets,
  type Sharding,
} from './onsale-load/figures.js';
import { renderOnsaleSection } from './onsale-load/onsale-doc.js';
import { type OnsaleOptions, parseOnsaleArgs } from './onsale-load/options.js';
import { printOnsale } from './onsale-load/print.js';
import { startContendedDbChild } from './onsale-load/proxy-child.js';
import { runOnsale } from './onsale-load/run.js';
import { checkSessions } from './onsale-load/table-invariants.js';
import { writeMarkedSection } from './soak/marked-section.js';

const docPath = resolve(import.meta.dirname, '../docs/performance.md');
const tableName = 'onsale-bench';

const figuresOf = (
  options: OnsaleOptions,
  runs: Record<Sharding, OnsaleRun>,
  loadStart: number,
  seconds: Pick<OnsaleBenchFigures, 'elapsedSeconds' | 'invariantCheckSeconds'>,
): OnsaleBenchFigures => {
  const { json: _json, write: _write, ...shown } = options;
  const on = runs.on;
  const oversold = runs.on.oversold + runs.off.oversold;
  return {
    machine: describeMachine(),
    loadAverage1m: { start: loadStart, end: loadAverage1m() },
    options: shown,
    goodput: on.goodput,
    serviceUnavailableRate: on.serviceUnavailableRate,
    p99Ms: on.p99Ms,
    oversold,
    projectedPerSecond: on.projectedPerSecond,
    runs,
    targets: {
      ...onsaleTargets,
      oversoldMet: oversold === 0,
      serviceUnavailableMet: on.serviceUnavailableRate < onsaleTargets.maxServiceUnavailableRate,
      sessionMet: on.projectedPerSecond.session >= onsaleTargets.minSessionPerSecond,
      organizationMet: on.projectedPerSecond.organization >= onsaleTargets.minOrganizationPerSecond,
    },
    ...seconds,
  };
};

/** What makes the run wrong rather than slow. */
const failures = (runs: Record<Sharding, OnsaleRun>): string[] =>
  Object.values(runs).flatMap((r) => [
    ...(r.oversold > 0 ? [`sharding ${r.sharding}: ${r.oversold} places oversold`] : []),
    ...(r.invariants.ok ? [] : [`sharding ${r.sharding}: ${r.invariants.examples.join('; ')}`]),
    ...(r.soldOut.falseSoldOut > 0
      ? [`sharding ${r.sharding}: ${r.soldOut.falseSoldOut} sold-out answers while places were free`]
      : []),
    ...Object.entries(r.crowd.errors).map(([answer, n]) => `sharding ${r.sharding}: ${n} answers ${answer}`),
  ]);

const commandLine = (): string => {
  const args = process.argv.slice(2).filter((a) => a !== '--json' && a !== '--no-write');
  return ['npm run bench:onsale', ...(args.length ? ['--', ...args] : [])].join(' ');
};

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  let options: OnsaleOptions;
  try {
    options = parseOnsaleArgs(process.argv.slice(2));
  } catch (error) {
    return fail((error as Error).message, 2);
  }
  const log = (line: string): void => {
    if (!options.json) console.log(line);
  };
  const started = performance.now();
  const loadStart = loadAverage1m();
  // The model in a process of its own: see proxy-child.ts.
  const db = await startContendedDbChild(options.holdMs);
  try {
    const ctx = { db, tableName, options, log };
    const on = await runOnsale(ctx, 'on');
    const off = await runOnsale(ctx, 'off', on.crowd);
    log('checking the invariants of the table…');
    const checked = performance.now();
    const [onVerdict, offVerdict] = await checkSessions({ tableName, endpoint: db.localEndpoint }, [
      on.session,
      off.session,
    ]);
    const runs: Record<Sharding, OnsaleRun> = {
      on: { ...on.run, invariants: onVerdict! },
      off: { ...off.run, invariants: offVerdict! },
    };
    const invariantCheckSeconds = Math.round((performance.now() - checked) / 1000);
    const elapsedSeconds = Math.round((performance.now() - started) / 1000);
    const figures = figuresOf(options, runs, loadStart, { elapsedSeconds, invariantCheckSeconds });
    if (options.write) writeMarkedSection(docPath, 'onsale', renderOnsaleSection(figures, commandLine()));
    if (options.json) console.log(JSON.stringify(figures, null, 2));
    else printOnsale(figures);
    const wrong = failures(runs);
    if (wrong.length > 0) {
      console.error(`bench:onsale: ${wrong.join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await db.stop();
  }
};

main().catch((error: Error) => fail(`bench:onsale failed: ${error.stack ?? error.message}`));
