/**
 * `npm run bench:nightly -- [--sessions N] [--concurrency N] [--first-night] [--json] [--no-write]
 * [--invariants auto|on|off]`: the nightly run (docs/nightly.md) over a generated tenant of
 * `--sessions` sessions (default 100,000; `--sessions 2000` for a quick try) on a DynamoDB Local
 * of its own. The tenant (nightly-load/tenant.ts) is seeded, then the nights run in this process
 * with the nightly function's own code (`driveNight`):
 *
 * 1. with `--first-night`, the first night (the day before): every ended session's outcome is
 *    recorded, no model yet; without it those outcomes are seeded as that night records them;
 * 2. the measured, steady night: the model trained on that history, every session recounted,
 *    forecast or counted, `--concurrency` messages at a time (default 10, the queue's
 *    maxConcurrency): sessions per second, each message type's timings, the worst batch of 5
 *    against the function's 60 s timeout;
 * 3. the same night again (its run records taken back), one message at a time: what each message
 *    costs alone (CPU, DynamoDB calls, answer bytes), from which the night is projected in AWS
 *    (nightly-load/aws-model.ts, queue-model.ts) with the queue's fan-out and without it.
 *
 * Before each night a few counter drifts are planted (nightly-load/drift.ts); each night must
 * find and correct them; then (`--invariants`, by default up to 20,000 sessions) the whole table's
 * invariants are checked as `npm run check:invariants` does. Writes the "Nightly run" section of
 * docs/performance.md (unless --no-write); `--json` prints the figures as one JSON object. Exits 1
 * when a night fails, a check of what it did fails or an invariant is off; a missed target is
 * reported, not an error.
 */

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Deps } from '../functions/kernel/domain/deps.js';
import { walkPage } from '../functions/modules/nightly/domain/nightly-model.js';
import {
  type CallCounter,
  callsBetween,
  installCallCounter,
  totalCalls,
} from './booking-load/call-counter.js';
import { describeMachine, loadAverage1m } from './booking-load/machine.js';
import { checkInvariantsSettled } from './invariants/settled-check.js';
import { formatViolation } from './invariants/violation.js';
import { fail, silenceSdkNodeWarning } from './local/cli.js';
import type { LocalRuntime } from './local/runtime.js';
import { startStillRuntime } from './local/still-runtime.js';
import { driveNight, type NightDrive } from './nightly/drive-night.js';
import { awsModel } from './nightly-load/aws-model.js';
import { type CallTap, installCallTap } from './nightly-load/call-tap.js';
import { type PlantedDrift, plantDrifts } from './nightly-load/drift.js';
import {
  type AwsNight,
  type NightlyBenchFigures,
  type PassFigures,
  type Projection,
  round,
  type SlowestMessage,
  typeFigures,
  worstRun,
} from './nightly-load/figures.js';
import {
  type MessageRecord,
  type MessageRecorder,
  messageRecorder,
} from './nightly-load/message-recorder.js';
import { resetNight } from './nightly-load/night-reset.js';
import { renderNightlySection } from './nightly-load/nightly-doc.js';
import { nightTree, simulateNight } from './nightly-load/queue-model.js';
import { seedTenant, type Tenant } from './nightly-load/tenant.js';
import { verifyNight } from './nightly-load/verify.js';
import { writeMarkedSection } from './soak/marked-section.js';

const { values: flags } = parseArgs({
  options: {
    sessions: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: String(awsModel.maxConcurrency) },
    json: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    invariants: { type: 'string', default: 'auto' },
    'first-night': { type: 'boolean', default: false },
  },
});

const sessions = Number(flags.sessions);
const concurrency = Number(flags.concurrency);
/**
 * The whole-table invariant check scans the table, and DynamoDB Local's Scan slows with the table
 * (about 20 s at 10,000 sessions, over half an hour at 100,000): by default only up to 20,000.
 */
const invariantsOn = flags.invariants === 'on' || (flags.invariants === 'auto' && sessions <= 20_000);
const docPath = resolve(import.meta.dirname, '../docs/performance.md');
const dayMs = 86_400_000;
const hourMs = 3_600_000;
const log = (line: string): void => {
  if (!flags.json) console.log(line);
};

interface Bench {
  rt: LocalRuntime;
  deps: Deps;
  tenant: Tenant;
  counter: CallCounter;
  tap: CallTap;
}

interface Pass {
  figures: PassFigures;
  drive: NightDrive;
  records: MessageRecord[] | null;
  failures: string[];
}

const commandLine = (): string => {
  const args = process.argv.slice(2).filter((a) => a !== '--json' && a !== '--no-write');
  return ['npm run bench:nightly', ...(args.length ? ['--', ...args] : [])].join(' ');
};

/** One night: drifts planted, the night driven, what it did checked. */
const runPass = async (
  b: Bench,
  options: { night: string; clock: Date; concurrency: number; driftSet: number; recorder?: MessageRecorder },
): Promise<Pass> => {
  const planted: PlantedDrift[] = await plantDrifts(
    b.rt.dynamoEndpoint,
    b.rt.tableName,
    b.tenant,
    options.driftSet,
    new Date(options.clock.getTime() - hourMs),
  );
  const atNight: Deps = { ...b.deps, clock: { now: () => options.clock } };
  const deps = options.recorder ? options.recorder.wrap(atNight) : atNight;
  options.recorder?.reset();
  b.tap.listen(options.recorder?.listener);
  const callsBefore = b.counter.counts();
  const cpuBefore = process.cpuUsage();
  const drive = await driveNight(deps, { night: options.night, concurrency: options.concurrency });
  const cpu = process.cpuUsage(cpuBefore);
  const records = options.recorder?.finish() ?? null;
  b.tap.listen(undefined);
  const calls = callsBetween(callsBefore, b.counter.counts());
  const { failures, totals } = await verifyNight(atNight, b.tenant, drive, options.night, planted);
  if (records) {
    const types = records.map((r) => r.type).join();
    if (types !== drive.timings.map((t) => t.type).join())
      failures.push(
        `message boundaries not recognized: ${records.length} recorded, ${drive.timings.length} run`,
      );
  }
  const ms = drive.timings.map((t) => t.ms);
  const figures: PassFigures = {
    night: options.night,
    clock: options.clock.toISOString(),
    concurrency: options.concurrency,
    wallMs: round(drive.wallMs),
    sessionsPerSecond: round((totals.sessions / drive.wallMs) * 1_000),
    messages: typeFigures(drive.timings, null, null),
    dynamoCalls: totalCalls(calls),
    callsByCommand: calls,
    maxMessageMs: round(Math.max(0, ...ms)),
    maxBatchMs: round(worstRun(ms, awsModel.batchSize)),
    cpuSeconds: round((cpu.user + cpu.system) / 1e6),
    totals,
    aws: null,
  };
  return { figures, drive, records, failures };
};

const projection = (records: MessageRecord[], lanes: number): Projection & { awsMs: number[] } => {
  const tree = nightTree(records);
  const sim = simulateNight(tree, awsModel, lanes);
  const minutes = (ms: number) => round(ms / 60_000, 2);
  const perStep = sim.chainWithWindowsMs / Math.max(1, sim.chainSteps);
  return {
    lanes,
    minutes: minutes(sim.totalMs),
    withinHour: sim.totalMs <= 3_600_000,
    workBoundMinutes: minutes(sim.workMs / lanes),
    chainMinutes: minutes(sim.chainMs),
    chainWithWindowsMinutes: minutes(sim.chainWithWindowsMs),
    chainSteps: sim.chainSteps,
    chainHourSessions: Math.floor(3_600_000 / perStep) * walkPage,
    maxBatchMs: round(sim.maxBatchMs),
    batches: sim.batches,
    awsMs: tree.awsMs,
  };
};

/** The longest message in AWS, taken apart, with what its organization's model was trained on. */
const slowestOf = async (
  b: Bench,
  pass: Pass,
  records: MessageRecord[],
  awsMs: number[],
): Promise<SlowestMessage> => {
  let i = 0;
  for (let j = 1; j < awsMs.length; j += 1) if ((awsMs[j] ?? 0) > (awsMs[i] ?? 0)) i = j;
  const r = records[i];
  if (!r) throw new Error('no message recorded');
  const run = r.orgId ? await b.deps.nightlyRuns.get(r.orgId, pass.figures.night) : undefined;
  return {
    type: r.type,
    organization: b.tenant.orgs.find((o) => o.orgId === r.orgId)?.name ?? '',
    trainedOn: run?.trainedOn ?? 0,
    hereMs: round(pass.drive.timings[i]?.ms ?? 0),
    cpuMs: round(r.cpuMs),
    calls: r.calls,
    answerMB: round(r.answerBytes / 1_000_000, 2),
    awsMs: round(awsMs[i] ?? 0),
  };
};

/**
 * A night run one message at a time, projected to AWS with the queue's fan-out and without; its
 * per-type figures (and those of `alike`, the same night run with fan-out) get each message's
 * calls, CPU and modelled AWS time.
 */
const projectNight = async (b: Bench, pass: Pass, alike?: Pass): Promise<AwsNight> => {
  const records = pass.records ?? [];
  const { awsMs, ...fanOut } = projection(records, awsModel.maxConcurrency);
  const { awsMs: _same, ...noFanOut } = projection(records, 1);
  pass.figures.messages = typeFigures(pass.drive.timings, records, awsMs);
  if (alike) alike.figures.messages = typeFigures(alike.drive.timings, records, awsMs);
  const maxBatchMs = Math.max(fanOut.maxBatchMs, worstRun(awsMs, awsModel.batchSize));
  const aws: AwsNight = {
    fanOut,
    noFanOut,
    maxMessageMs: round(Math.max(0, ...awsMs)),
    maxBatchMs: round(maxBatchMs),
    budgetShare: round(maxBatchMs / awsModel.timeoutMs, 3),
    slowest: await slowestOf(b, pass, records, awsMs),
  };
  pass.figures.aws = aws;
  return aws;
};

const bindingOf = (f: Omit<NightlyBenchFigures, 'binding'>): string => {
  const p = f.aws.fanOut;
  const window = awsModel.batchingWindowMs / 1000;
  const chain =
    `the largest organization's walk, ${p.chainSteps} steps one after another, each sent when the one ` +
    `before ends and waiting up to the ${window} s batching window in a queue the chunks leave nearly empty ` +
    `(${p.chainWithWindowsMinutes} min; ${p.chainMinutes} min without the waits)`;
  const work = `the work itself over ${p.lanes} invocations (${p.workBoundMinutes} min)`;
  const limit =
    p.workBoundMinutes >= p.chainWithWindowsMinutes ? `${work}, not ${chain}` : `${chain}, not ${work}`;
  const slow = f.aws.slowest;
  return (
    `the night's wall time in AWS, ${p.minutes} of 60 min, is set by ${limit}; that chain alone would take the ` +
    `hour at about ${p.chainHourSessions} sessions in one organization. Per invocation, the binding figure is ` +
    `the longest message, ${slow.type} of ${slow.organization} (${slow.awsMs} ms in AWS: ${slow.cpuMs} ms of CPU ` +
    `here, ${slow.calls} calls, ${slow.answerMB} MB read${slow.type === 'nightly.org' ? `; the model trained on ${slow.trainedOn} outcomes` : ''}), ` +
    `which puts the worst batch of ${awsModel.batchSize} at ${round(f.aws.budgetShare * 100)}% of the ` +
    `${awsModel.timeoutMs / 1000} s timeout (${round(f.budgetShare * 100)}% measured here one message at a time)`
  );
};

/** The measured night's clock (02:00 UTC today, as the rule fires) and the night before it. */
const clocks = () => {
  const base = new Date(`${new Date().toISOString().slice(0, 10)}T02:00:00.000Z`);
  return { base, first: new Date(base.getTime() - dayMs) };
};

const measure = async (b: Bench, loadStart: number): Promise<NightlyBenchFigures> => {
  const { base, first: firstClock } = clocks();
  const night = base.toISOString().slice(0, 10);
  const firstNight = firstClock.toISOString().slice(0, 10);

  let first: Pass | null = null;
  if (flags['first-night']) {
    log(`first night ${firstNight}: outcomes of the ended sessions recorded, one message at a time…`);
    first = await runPass(b, {
      night: firstNight,
      clock: firstClock,
      concurrency: 1,
      driftSet: 0,
      recorder: messageRecorder(),
    });
    await projectNight(b, first);
    log(
      `  ${first.figures.wallMs / 1000} s, ${first.figures.totals.outcomes} outcomes, ${first.figures.dynamoCalls} calls`,
    );
  }

  log(`steady night ${night}: ${concurrency} messages at a time…`);
  const steady = await runPass(b, { night, clock: base, concurrency, driftSet: 1 });
  log(
    `  ${steady.figures.wallMs / 1000} s, ${steady.figures.sessionsPerSecond} sessions/s, ${steady.figures.dynamoCalls} calls`,
  );

  const orgIds = b.tenant.orgs.map((o) => o.orgId);
  const reset = await resetNight(b.rt.dynamoEndpoint, b.rt.tableName, orgIds, night, base.toISOString());
  log(
    `the same night again, one message at a time (reset: ${reset.chunks} chunk records, ${reset.outcomes} outcomes)…`,
  );
  const recorder = messageRecorder();
  const serial = await runPass(b, { night, clock: base, concurrency: 1, driftSet: 2, recorder });
  log(
    `  ${serial.figures.wallMs / 1000} s, ${serial.figures.sessionsPerSecond} sessions/s, ${serial.figures.dynamoCalls} calls`,
  );
  const aws = await projectNight(b, serial, steady);

  let invariants: NightlyBenchFigures['invariants'] = null;
  const checks = [...(first?.failures ?? []), ...steady.failures, ...serial.failures];
  if (invariantsOn) {
    log('checking the invariants of the whole table…');
    const started = performance.now();
    const report = await checkInvariantsSettled(
      { tableName: b.rt.tableName, endpoint: b.rt.dynamoEndpoint },
      { settleTimeoutMs: 5_000, now: () => base },
    );
    for (const v of report.violations.slice(0, 20)) checks.push(`invariant: ${formatViolation(v)}`);
    invariants = {
      checked: true,
      violations: report.violations.length,
      seconds: round((performance.now() - started) / 1000),
    };
  }

  const figures: Omit<NightlyBenchFigures, 'binding'> = {
    machine: describeMachine(),
    loadAverage1m: { start: loadStart, end: loadAverage1m() },
    command: commandLine(),
    sessions: b.tenant.sessions,
    organizations: b.tenant.orgs.map((o) => ({
      name: o.name,
      sessions: o.sessions,
      ended: o.byKind.ended,
      soon: o.byKind.soon,
      far: o.byKind.far,
      bookings: o.bookings,
    })),
    bookings: b.tenant.bookings,
    seeding: { items: b.tenant.items, seconds: b.tenant.seconds },
    concurrency,
    sessionsPerSecond: steady.figures.sessionsPerSecond,
    maxMessageMs: serial.figures.maxMessageMs,
    maxBatchMs: serial.figures.maxBatchMs,
    timeoutMs: awsModel.timeoutMs,
    budgetShare: round(serial.figures.maxBatchMs / awsModel.timeoutMs, 3),
    budgetMet: serial.figures.maxBatchMs / awsModel.timeoutMs <= 0.25 && aws.budgetShare <= 0.25,
    projectedAwsMinutes: aws.fanOut.minutes,
    withinHour: aws.fanOut.withinHour,
    baseline: {
      sessionsPerSecond: serial.figures.sessionsPerSecond,
      wallMs: serial.figures.wallMs,
      projectedAwsMinutes: aws.noFanOut.minutes,
      withinHour: aws.noFanOut.withinHour,
    },
    aws: { model: awsModel, ...aws },
    steady: steady.figures,
    serial: serial.figures,
    firstNight: first?.figures ?? null,
    invariants,
    checks,
  };
  return { ...figures, binding: bindingOf(figures) };
};

const report = (f: NightlyBenchFigures): void => {
  const line = (name: string, p: PassFigures) =>
    `${name}: ${p.totals.sessions} sessions in ${round(p.wallMs / 1000)} s (${p.sessionsPerSecond}/s, ` +
    `${p.concurrency} at a time), ${p.dynamoCalls} DynamoDB calls, max message ${p.maxMessageMs} ms, ` +
    `worst batch of ${awsModel.batchSize} ${p.maxBatchMs} ms`;
  if (f.firstNight) log(line('first night', f.firstNight));
  log(line('steady night', f.steady));
  log(line('same night, serial', f.serial));
  for (const [type, t] of Object.entries(f.serial.messages))
    log(
      `  ${type}: ${t.count} messages, p50 ${t.p50Ms} ms, p95 ${t.p95Ms} ms, max ${t.maxMs} ms; ` +
        `${t.meanDynamoCalls} calls, ${t.meanCpuMs} ms CPU, ${t.meanAwsMs} ms in AWS (max ${t.maxAwsMs})`,
    );
  log(
    `budget: worst batch of ${awsModel.batchSize} ${f.maxBatchMs} ms = ${round(f.budgetShare * 100)}% of ` +
      `${f.timeoutMs} ms here one at a time, in AWS ${f.aws.maxBatchMs} ms = ${round(f.aws.budgetShare * 100)}% ` +
      `(${f.budgetMet ? 'met' : 'NOT met'}, target <= 25%); here with fan-out ${f.steady.maxBatchMs} ms`,
  );
  log(
    `projected in AWS: ${f.projectedAwsMinutes} min with fan-out (${awsModel.maxConcurrency} invocations; ` +
      `${f.withinHour ? 'within' : 'NOT within'} the hour), ${f.baseline.projectedAwsMinutes} min without ` +
      `(${f.baseline.withinHour ? 'within' : 'NOT within'} the hour)`,
  );
  if (f.firstNight?.aws)
    log(
      `first night in AWS: ${f.firstNight.aws.fanOut.minutes} min with fan-out, ${f.firstNight.aws.noFanOut.minutes} min ` +
        `without; worst batch ${f.firstNight.aws.maxBatchMs} ms = ${round(f.firstNight.aws.budgetShare * 100)}%`,
    );
  log(`binding: ${f.binding}`);
  for (const c of f.checks) log(`check failed: ${c}`);
  if (f.invariants) log(`invariants: ${f.invariants.violations} violations (${f.invariants.seconds} s)`);
};

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  if (!Number.isInteger(sessions) || sessions < 100) fail('--sessions must be an integer of at least 100', 2);
  if (!Number.isInteger(concurrency) || concurrency < 1) fail('--concurrency must be a positive integer', 2);
  if (!['auto', 'on', 'off'].includes(flags.invariants)) fail('--invariants must be auto, on or off', 2);
  const loadStart = loadAverage1m();
  // Before any container exists: they create their DynamoDB clients when built.
  const counter = installCallCounter();
  const tap = installCallTap();
  const rt = await startStillRuntime();
  try {
    // After the runtime set the functions' environment: the container reads it.
    const { buildContainer } = await import('../functions/app/container.js');
    const { readEnv } = await import('../functions/kernel/env.js');
    const deps = buildContainer(readEnv()).deps;
    const { base, first } = clocks();
    log(`seeding ${sessions} sessions…`);
    const tenant = await seedTenant(deps, rt.tableName, rt.dynamoEndpoint, {
      sessions,
      base,
      driftSets: 3,
      // Without the first night, the history it would have recorded.
      ...(flags['first-night'] ? {} : { outcomesAt: first }),
      log,
    });
    log(`  ${tenant.items} items (${tenant.bookings} bookings) in ${tenant.seconds} s`);
    const figures = await measure({ rt, deps, tenant, counter, tap }, loadStart);
    if (!flags['no-write']) writeMarkedSection(docPath, 'nightly', renderNightlySection(figures));
    if (flags.json) console.log(JSON.stringify(figures));
    else report(figures);
    process.exitCode = figures.checks.length === 0 && (figures.invariants?.violations ?? 0) === 0 ? 0 : 1;
  } finally {
    await rt.stop();
    tap.stop();
    counter.stop();
  }
};

main().catch((error: Error) => fail(`bench:nightly failed: ${error.stack ?? error.message}`));
