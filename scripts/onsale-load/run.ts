import { readEnv } from '../../functions/kernel/env.js';
import type { ContentionCounters } from '../contention/counters.js';
import { loadBookingHandler } from '../handler-load/booking-world.js';
import type { SessionRef } from '../invariants/snapshot.js';
import { startStillRuntime } from '../local/still-runtime.js';
import { mulberry32 } from '../soak/prng.js';
import { booker } from './booker.js';
import { runCrowd } from './crowd.js';
import type { OnsaleRun, Sharding } from './figures.js';
import type { OnsaleOptions } from './options.js';
import type { ContendedDb } from './proxy-child.js';
import { summarizeRun } from './run-summary.js';
import { checkSoldOut } from './sold-out-checks.js';
import { type Crowd, createCrowd, createOnsaleSession, ownerOn } from './world.js';

/**
 * One on-sale: the local runtime started over the shared table with the run's function
 * environment (sessions made by it get its counter split), a short warm-up on a session of its
 * own, then the crowd against a fresh session until it is sold out, with the contention model's
 * counters taken over exactly that buying.
 */

export interface RunContext {
  db: ContendedDb;
  tableName: string;
  options: OnsaleOptions;
  log(line: string): void;
}

/** The function environment of each run: the deployed default, and one counter item per session. */
const shardingEnv: Record<Sharding, Record<string, string>> = {
  on: {},
  off: { COUNTER_MAX_SHARDS: '1' },
};

/** The warm-up: enough bookings for the container, the JIT and the sockets, on a small session. */
const warmup = { places: 100, buyers: 50 };

const secondsSince = (start: number): number => Math.round((performance.now() - start) / 1000);

export interface RunResult {
  run: Omit<OnsaleRun, 'invariants'>;
  session: SessionRef;
  crowd: Crowd;
}

export const runOnsale = async (
  ctx: RunContext,
  sharding: Sharding,
  existing?: Crowd,
): Promise<RunResult> => {
  const { db, options } = ctx;
  const begun = performance.now();
  const log = (line: string) => ctx.log(`sharding ${sharding}: ${line} (${secondsSince(begun)} s)`);
  const rt = await startStillRuntime({
    dynamoEndpoint: db.endpoint,
    tableName: ctx.tableName,
    env: shardingEnv[sharding],
  });
  try {
    if (!existing) log(`creating ${options.buyers} buyers with their attendee records…`);
    const crowd = existing ?? (await createCrowd(rt, options.buyers));
    const owner = await ownerOn(rt, crowd);
    const handler = await loadBookingHandler();
    const warmBuyers = Math.min(warmup.buyers, options.buyers);
    const warm = await createOnsaleSession(owner, warmup.places);
    const prng = mulberry32(options.seed);
    await runCrowd({
      buyers: warmBuyers,
      concurrency: warmBuyers,
      groupShare: 0,
      prng,
      book: booker(handler, crowd, warm),
    });
    const session = await createOnsaleSession(owner, options.places);
    const setupSeconds = secondsSince(begun);
    log(`${options.buyers} buyers, ${options.concurrency} at once, for ${options.places} places…`);
    await db.resetCounters();
    const cpu = process.cpuUsage();
    // What the model counted while places were left, apart from the refusals after.
    let selling: Promise<ContentionCounters> | undefined;
    const tally = await runCrowd({
      buyers: options.buyers,
      concurrency: options.concurrency,
      groupShare: options.groupShare,
      prng: mulberry32(options.seed),
      book: booker(handler, crowd, session),
      onSoldOut: () => {
        selling = db.counters();
      },
    });
    const used = process.cpuUsage(cpu);
    const counters = await db.counters();
    log('sold out; reading it back');
    const checked = performance.now();
    const local = { tableName: ctx.tableName, endpoint: db.localEndpoint };
    const soldOut = await checkSoldOut(owner, session, options.places, tally, local);
    const run = await summarizeRun({
      sharding,
      options,
      env: readEnv(),
      orgId: crowd.orgId,
      sessionId: session.sessionId,
      buyerIds: crowd.buyers.map((b) => b.attendeeId),
      tally,
      counters: { selling: (await selling) ?? counters, all: counters },
      cpuMs: (used.user + used.system) / 1000,
      soldOut,
      localEndpoint: db.localEndpoint,
      phases: {
        setupSeconds,
        buyingSeconds: Math.round(tally.elapsedMs / 1000),
        checkSeconds: secondsSince(checked),
      },
    });
    return { run, session: { orgId: crowd.orgId, sessionId: session.sessionId }, crowd };
  } finally {
    await rt.stop();
  }
};
