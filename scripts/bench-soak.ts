/**
 * `npm run bench:soak -- [--minutes 6] [--rate 73] [--seed 1] [--drain-seconds 60] [--json] [--no-write]`:
 * a reproducible mixed load (booking, cancelling, the waitlist's offers, reads, staff capacity
 * changes) against the local runtime started in this process (in memory), at a fixed request
 * rate, while the notification outbox is watched once a second; then a drain, and the delivery,
 * hand-off and invariant figures. Writes its section of docs/performance.md (unless --no-write);
 * `--json` prints the figures as one JSON object. Exits 1 only when the bench itself fails: a
 * missed target is reported, not an error.
 */
import { resolve } from 'node:path';
import { fail, silenceSdkNodeWarning } from './local/cli.js';
import { type LocalRuntime, startLocalRuntime } from './local/runtime.js';
import { parseSoakArgs, type SoakOptions } from './soak/args.js';
import { type AfterDrain, assembleFigures, type LoadOutcome } from './soak/assemble.js';
import { finalReport, progressLine } from './soak/console-report.js';
import { type ConsumerStatsReport, readConsumerStats } from './soak/consumer-stats.js';
import type { SoakFigures } from './soak/figures.js';
import { checkSoakInvariants } from './soak/invariants.js';
import { writeMarkedSection } from './soak/marked-section.js';
import { createMixPlanner } from './soak/mix.js';
import { startOpenLoop } from './soak/open-loop.js';
import type { PlannedRequest } from './soak/operations.js';
import { type OutboxProbe, outboxProbe } from './soak/outbox-probe.js';
import { queueDepthProbe } from './soak/queue-depth.js';
import { findSustainedRate } from './soak/ramp.js';
import { type Sample, startSampler } from './soak/sampler.js';
import { renderSoakSection } from './soak/soak-doc.js';
import { newTally, type Tally } from './soak/tally.js';
import { buildWorld, type SoakWorld, sessionCapacity, userCount } from './soak/world.js';

const docPath = resolve(import.meta.dirname, '../docs/performance.md');
/** How long the end of the load waits for answers still outstanding (inside the drain). */
const settleTimeoutMs = 30_000;
const progressEverySeconds = 10;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));

/** A line every 10 s: the answers' rate over the last window and the outbox's latest sample. */
const progressPrinter = (tally: Tally, inFlight: () => number, log: (line: string) => void) => {
  let last = { t: 0, completed: 0 };
  return (s: Sample): void => {
    if (s.t - last.t < progressEverySeconds) return;
    const requestsPerSecond = (tally.completed - last.completed) / (s.t - last.t);
    last = { t: s.t, completed: tally.completed };
    log(progressLine({ ...s, requestsPerSecond, inFlight: inFlight(), missed: tally.missed }));
  };
};

/** The load, then the drain, with the outbox sampled once a second throughout. */
const runLoad = async (
  rt: LocalRuntime,
  world: SoakWorld,
  opts: SoakOptions,
  outbox: OutboxProbe,
  plan: () => PlannedRequest,
  log: (line: string) => void,
): Promise<LoadOutcome & { drainStartedAt: Date }> => {
  const queue = queueDepthProbe(rt.sqsEndpoint, rt.queueUrls.notifications);
  try {
    const durationMs = opts.minutes * 60_000;
    const tally = newTally();
    let inFlight = () => 0;
    const sampler = startSampler(
      outbox,
      queue,
      progressPrinter(tally, () => inFlight(), log),
    );
    const cpuBefore = process.cpuUsage();
    const loop = startOpenLoop({
      call: world.organizer.call,
      rate: opts.rate,
      durationMs,
      maxInFlight: opts.maxInFlight,
      plan,
      tally,
    });
    inFlight = loop.inFlight;
    // A schedule that slipped (a starved event loop) makes the load longer than asked: divide by that.
    const loadMs = Math.max(durationMs, await loop.scheduleDone);
    const drainStarted = performance.now();
    const drainStartedAt = new Date();
    sampler.setPhase('drain');
    // Answers still on their way count for the load (they were sent in it); they arrive in the drain.
    const unfinishedRequests = await loop.settle(Math.min(settleTimeoutMs, opts.drainSeconds * 1000));
    const cpu = process.cpuUsage(cpuBefore);
    await sleep(opts.drainSeconds * 1000 - (performance.now() - drainStarted));
    await sampler.stop();
    return {
      tally,
      loadMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      unfinishedRequests,
      samples: sampler.samples(),
      sampleErrors: sampler.errors(),
      drainStartedAt,
    };
  } finally {
    queue.close();
  }
};

const measureAfterDrain = async (
  rt: LocalRuntime,
  outbox: OutboxProbe,
  drainStartedAt: Date,
  consumersBefore: ConsumerStatsReport,
): Promise<AfterDrain> => ({
  // Only the load's own notifications: expiring holds and offers keep writing fresh ones in the drain.
  pending: await outbox.pending({ createdBefore: drainStartedAt }),
  notifications: await outbox.notifications(),
  consumers: await readConsumerStats(rt, consumersBefore),
  invariants: await checkSoakInvariants({ tableName: rt.tableName, endpoint: rt.dynamoEndpoint }),
});

const run = async (opts: SoakOptions): Promise<SoakFigures> => {
  const log = (line: string): void => {
    if (!opts.json) console.log(line);
  };
  const rt = await startLocalRuntime({ inMemory: true, quiet: true, port: 0, seed: false });
  const outbox = outboxProbe({ tableName: rt.tableName, endpoint: rt.dynamoEndpoint });
  try {
    log(
      `building the world: sessions of ${sessionCapacity} places, ${userCount} users with their attendee records…`,
    );
    const world = await buildWorld(rt);
    // One planner for the ramp and the soak: users go on from what they learned.
    const plan = createMixPlanner(world, opts.seed).next;
    const ramp = opts.ramp
      ? await findSustainedRate(
          world.organizer.call,
          plan,
          outbox,
          { ...opts.ramp, to: opts.rate, maxInFlight: opts.maxInFlight },
          log,
        )
      : undefined;
    // Nothing sustained: the ramp's first (lowest) rate, which the figures then show unmet.
    const sustained = ramp ? (ramp.sustainedRate ?? ramp.steps[0]?.rate ?? opts.rate) : opts.rate;
    const soak = { ...opts, rate: Math.min(opts.rate, sustained) };
    log(
      `load: ${soak.minutes} min at ${soak.rate} req/s (seed ${soak.seed}), then a ${soak.drainSeconds} s drain`,
    );
    const consumersBefore = await readConsumerStats(rt);
    const load = await runLoad(rt, world, soak, outbox, plan, log);
    const after = await measureAfterDrain(rt, outbox, load.drainStartedAt, consumersBefore);
    return {
      ...assembleFigures(soak, world, load, after),
      askedRate: opts.rate,
      ramp: ramp?.steps ?? null,
      rampStepSeconds: opts.ramp?.stepSeconds ?? null,
    };
  } finally {
    outbox.close();
    await rt.stop();
  }
};

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  const opts = parseSoakArgs();
  const figures = await run(opts);
  if (opts.write) writeMarkedSection(docPath, 'soak', renderSoakSection(figures));
  if (opts.json) console.log(JSON.stringify(figures, null, 2));
  else for (const line of finalReport(figures)) console.log(line);
};

main().catch((error: Error) => fail(`bench:soak failed: ${error.stack ?? error.message}`));
