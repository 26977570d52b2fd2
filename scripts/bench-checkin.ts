/**
 * `npm run bench:checkin -- [--json] [--scans N] [--burst N] [--profile-scans N] [--no-write]`:
 * what one check-in scan costs through the tickets function's handler (invoked directly with the
 * API Gateway v2 event, as Lambda calls it) against the bare scan transaction on the same
 * DynamoDB Local, one scan at a time and taking turns: CPU of this process per scan (`cpuRatio`,
 * handler / raw), p50 and p95 latency, DynamoDB calls; then where the handler's CPU goes, port by
 * port; then a burst of simultaneous scans of one ticket (one admitted, the rest already_in).
 * Writes the check-in section of docs/performance.md (unless --no-write); `--json` prints the
 * figures as one JSON object. Exits 1 when a scan fails or the burst admits other than once; a
 * missed CPU target is reported, not an error.
 */

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { installCallCounter } from './booking-load/call-counter.js';
import { describeMachine, loadAverage1m } from './booking-load/machine.js';
import { scanBurst } from './checkin-load/burst.js';
import { renderCheckinSection } from './checkin-load/checkin-doc.js';
import { buildDoorWorld, type DoorWorld, type IssuedTicket } from './checkin-load/door-world.js';
import { type CheckinBenchFigures, targets } from './checkin-load/figures.js';
import { profilePorts } from './checkin-load/port-profile.js';
import { firstEntryCommit, type RawScanTarget, rawScanStore } from './checkin-load/raw-scan.js';
import { authorizerClaims, invokeScan, type ScanHandler } from './checkin-load/scan-event.js';
import { interleaved, type Probes, round, seriesFigures } from './checkin-load/series.js';
import { fail, silenceSdkNodeWarning } from './local/cli.js';
import { startStillRuntime } from './local/still-runtime.js';
import { findJvmCpu } from './notify-load/jvm-cpu.js';
import { writeMarkedSection } from './soak/marked-section.js';

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    scans: { type: 'string', default: '300' },
    burst: { type: 'string', default: '50' },
    'profile-scans': { type: 'string', default: '100' },
    'no-write': { type: 'boolean', default: false },
  },
});

const scans = Number(flags.scans);
const burstSize = Number(flags.burst);
const profileScans = Number(flags['profile-scans']);
/** Unmeasured rounds first: the handler's container, the JIT, the sockets and the JVM warm up. */
const warmupScans = 100;
const idleWindowMs = 2_000;
const docPath = resolve(import.meta.dirname, '../docs/performance.md');
const log = (line: string): void => {
  if (!flags.json) console.log(line);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Nonces are unique per run, so a scan never meets an earlier one's record. */
const runId = Date.now().toString(36);

interface Bench {
  world: DoorWorld;
  handler: ScanHandler;
  claims: Record<string, string>;
  raw: ReturnType<typeof rawScanStore>;
  probes: Probes;
}

const scanThroughHandler = async (b: Bench, ticket: IssuedTicket, nonce: string): Promise<void> => {
  const answer = await invokeScan(b.handler, {
    orgId: b.world.orgId,
    claims: b.claims,
    body: {
      sessionId: b.world.sessionId,
      method: 'qr',
      code: ticket.code,
      direction: 'entry',
      gate: 'North gate',
      deviceId: 'bench-01',
      nonce,
    },
  });
  if (answer.outcome !== 'admitted') throw new Error(`a fresh ticket was answered ${answer.outcome}`);
};

const rawScan = async (b: Bench, ticket: IssuedTicket, nonce: string): Promise<void> => {
  const target: RawScanTarget = {
    orgId: b.world.orgId,
    sessionId: b.world.sessionId,
    by: b.claims.sub ?? '',
  };
  const result = await b.raw.store.commitScan(firstEntryCommit(target, ticket, nonce));
  if (result !== 'done') throw new Error(`the raw scan transaction answered ${result}`);
};

/** `count` rounds: a fresh ticket through the handler, another one raw, taking turns going first. */
const rounds = (b: Bench, count: number, label: string) => {
  const handlerTickets = b.world.take(count);
  const rawTickets = b.world.take(count);
  return interleaved(
    b.probes,
    count,
    (i) => scanThroughHandler(b, handlerTickets[i]!, `${runId}-${label}-h${i}`),
    (i) => rawScan(b, rawTickets[i]!, `${runId}-${label}-r${i}`),
  );
};

const idleCpuMsPerSec = async (): Promise<number> => {
  const before = process.cpuUsage();
  await sleep(idleWindowMs);
  const used = process.cpuUsage(before);
  return round((used.user + used.system) / idleWindowMs, 3);
};

const profiled = async (b: Bench) => {
  if (profileScans < 1) return null;
  const tickets = b.world.take(profileScans);
  // Loaded with the handler, after the runtime set the functions' environment (the container's
  // module builds Powertools from it when it loads).
  const { getContainer } = await import('../functions/app/container.js');
  const profiler = profilePorts(getContainer().deps);
  try {
    for (const [i, ticket] of tickets.entries()) {
      profiler.begin();
      await scanThroughHandler(b, ticket, `${runId}-p${i}`);
      profiler.end();
    }
    return { scans: profileScans, ...profiler.result(profileScans) };
  } finally {
    profiler.restore();
  }
};

const measure = async (b: Bench, loadStart: number): Promise<CheckinBenchFigures> => {
  log(`warming up: ${warmupScans} scans through the handler, ${warmupScans} raw…`);
  await rounds(b, warmupScans, 'w');
  const idle = await idleCpuMsPerSec();
  log(`measuring: ${scans} scans through the handler and ${scans} raw, taking turns…`);
  const series = await rounds(b, scans, 'm');
  const jvmFound = b.probes.jvm !== null;
  const handler = seriesFigures(series.a, jvmFound);
  const raw = seriesFigures(series.b, jvmFound);
  log(`profiling ${profileScans} scans port by port…`);
  const profile = await profiled(b);
  log(`burst: ${burstSize} simultaneous scans of one ticket…`);
  const [burstTicket] = b.world.take(1);
  const request = { orgId: b.world.orgId, sessionId: b.world.sessionId, claims: b.claims };
  const burst = await scanBurst(b.handler, request, burstTicket!, burstSize, `${runId}-burst`);
  const cpuRatio = round(handler.cpuMsPerScan / raw.cpuMsPerScan);
  return {
    machine: describeMachine(),
    loadAverage1m: { start: loadStart, end: loadAverage1m() },
    cpuRatio,
    p50Ratio: round(handler.p50Ms / raw.p50Ms),
    handler,
    raw,
    idleCpuMsPerSec: idle,
    profile,
    burst,
    targets: { ...targets, cpuRatioMet: cpuRatio <= targets.maxCpuRatio, burstMet: burst.ok },
  };
};

const commandLine = (): string => {
  const args = process.argv.slice(2).filter((a) => a !== '--json' && a !== '--no-write');
  return ['npm run bench:checkin', ...(args.length ? ['--', ...args] : [])].join(' ');
};

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  for (const [name, n] of Object.entries({ scans, burst: burstSize, 'profile-scans': profileScans })) {
    if (!Number.isInteger(n) || n < (name === 'profile-scans' ? 0 : 1))
      fail(`--${name} must be a ${name === 'profile-scans' ? 'non-negative' : 'positive'} integer`, 2);
  }
  const loadStart = loadAverage1m();
  // Before the runtime loads the handlers: they create their DynamoDB clients on first use.
  const counter = installCallCounter();
  // Nothing works by itself during the run: no queue is consumed (a scan sends no message), and
  // the scheduler and every sweep are pushed beyond it, so each timed window holds one scan.
  const rt = await startStillRuntime();
  const raw = rawScanStore(rt.dynamoEndpoint, rt.tableName);
  try {
    // After the runtime set the functions' environment: the module reads it when it loads.
    const { handler } = await import('../functions/app/lambdas/tickets.js');
    const tickets = 2 * (warmupScans + scans) + profileScans + 1;
    log(`creating ${tickets} tickets…`);
    const world = await buildDoorWorld(rt, tickets);
    const jvm = findJvmCpu();
    if (!jvm) log('DynamoDB Local JVM not found in /proc: its CPU is left out');
    const bench: Bench = {
      world,
      handler: handler as ScanHandler,
      claims: authorizerClaims(world.door.token),
      raw,
      probes: { counter, jvm },
    };
    const figures = await measure(bench, loadStart);
    if (!flags['no-write'])
      writeMarkedSection(docPath, 'checkin', renderCheckinSection(figures, commandLine()));
    if (flags.json) console.log(JSON.stringify(figures, null, 2));
    const { handler: h, raw: r } = figures;
    log(
      `handler: p50 ${h.p50Ms} ms, p95 ${h.p95Ms} ms, ${h.cpuMsPerScan} ms CPU, ${h.dynamoCallsPerScan} calls`,
    );
    log(
      `raw:     p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, ${r.cpuMsPerScan} ms CPU, ${r.dynamoCallsPerScan} calls`,
    );
    log(`cpuRatio ${figures.cpuRatio} (target <= ${targets.maxCpuRatio})`);
    if (figures.profile) log(`profile (CPU ms per scan): ${JSON.stringify(figures.profile.cpuMsPerRequest)}`);
    log(`burst: ${figures.burst.admitted} admitted, ${figures.burst.alreadyIn} already_in`);
    process.exitCode = figures.burst.ok ? 0 : 1;
  } finally {
    raw.destroy();
    await rt.stop();
    counter.stop();
  }
};

main().catch((error: Error) => fail(`bench:checkin failed: ${error.stack ?? error.message}`));
