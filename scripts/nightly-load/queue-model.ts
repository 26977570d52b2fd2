import type { NightlyMessage } from '../../functions/modules/nightly/domain/nightly-model.js';
import { type AwsModel, awsMessageMs } from './aws-model.js';
import type { MessageRecord } from './message-recorder.js';

/**
 * The night in AWS, simulated from each message's modelled AWS time (aws-model.ts): the messages
 * and what each sends (the tick sends every organization's step 0; step 0 sends step 1; a walk
 * step sends its chunks, then the next step), on one queue read by `lanes` invocations at once,
 * each taking up to `batchSize` waiting messages (oldest first, after up to the batching window
 * for a full batch) and working through them one after another; a message sent becomes
 * receivable `hopMs` after the message that sent it ends. The night ends with its last message.
 */

export interface SimNode {
  type: NightlyMessage['type'];
  orgId: string;
  ms: number;
  children: SimNode[];
}

export interface Simulation {
  lanes: number;
  /** When the last message ended. */
  totalMs: number;
  /** The sum of every message's time: the night with no parallelism at all, hops aside. */
  workMs: number;
  /** The longest batch an invocation worked through. */
  maxBatchMs: number;
  maxMessageMs: number;
  batches: number;
  /** The largest organization's chain of steps alone (each step after the one before, hops included). */
  chainMs: number;
  /** The same, each message waiting the whole batching window for a batch that does not fill. */
  chainWithWindowsMs: number;
  /** Steps in that chain (step 0, then one per page of sessions). */
  chainSteps: number;
}

const costOf = (r: MessageRecord, sqsSends: number): number =>
  awsMessageMs({
    cpuMs: r.cpuMs,
    callLatencyMs: r.callLatencyMs,
    callParallelism: r.busyMs > 0 ? r.callMs / r.busyMs : 1,
    sqsSends,
  });

const sends = (messages: number) => Math.ceil(messages / 10);

/** The night's messages as a tree, from the records of a night run one message at a time. */
export interface NightTree {
  root: SimNode;
  biggestOrgChain: SimNode[];
  /** Each record's modelled AWS time, in the records' order. */
  awsMs: number[];
}

export const nightTree = (records: readonly MessageRecord[]): NightTree => {
  const costs = new Map<MessageRecord, number>();
  const cost = (r: MessageRecord, sqsSends: number): number => {
    const ms = costOf(r, sqsSends);
    costs.set(r, ms);
    return ms;
  };
  const ticks = records.filter((r) => r.type === 'nightly.tick');
  const orgIds = [...new Set(records.filter((r) => r.type === 'nightly.org').map((r) => r.orgId))];
  const chunks = new Map<string, MessageRecord>();
  for (const r of records) if (r.type === 'nightly.sessions') chunks.set(`${r.orgId}|${r.chunk}`, r);
  const chunkCount = new Map<string, number>();
  for (const r of chunks.values()) {
    const step = `${r.orgId}|${r.chunk.split('.')[0]}`;
    chunkCount.set(step, (chunkCount.get(step) ?? 0) + 1);
  }

  const orgRoots: SimNode[] = [];
  let biggestOrgChain: SimNode[] = [];
  for (const orgId of orgIds) {
    const steps = records.filter((r) => r.type === 'nightly.org' && r.orgId === orgId);
    const chain: SimNode[] = [];
    // Built from the last step back: each step's children are its chunks, then the next step.
    let next: SimNode | undefined;
    for (let s = steps.length - 1; s >= 0; s -= 1) {
      const own: SimNode[] = [];
      for (let i = 0; i < (chunkCount.get(`${orgId}|${s}`) ?? 0); i += 1) {
        const c = chunks.get(`${orgId}|${s}.${i}`);
        if (!c) throw new Error(`chunk ${s}.${i} of ${orgId} was not recorded`);
        own.push({ type: c.type, orgId, ms: cost(c, 0), children: [] });
      }
      const record = steps[s] as MessageRecord;
      const node: SimNode = {
        type: record.type,
        orgId,
        ms: cost(record, (own.length > 0 ? sends(own.length) : 0) + (next ? 1 : 0)),
        children: [...own, ...(next ? [next] : [])],
      };
      chain.unshift(node);
      next = node;
    }
    if (next) orgRoots.push(next);
    if (chain.length > biggestOrgChain.length) biggestOrgChain = chain;
  }
  const firstTick = ticks[0];
  if (!firstTick) throw new Error('the night had no tick');
  const root: SimNode = {
    type: 'nightly.tick',
    orgId: '',
    ms: cost(firstTick, sends(orgRoots.length)),
    children: orgRoots,
  };
  return { root, biggestOrgChain, awsMs: records.map((r) => costs.get(r) ?? costOf(r, 0)) };
};

interface Waiting {
  node: SimNode;
  at: number;
  seq: number;
}

/** Oldest first (by when receivable, then by when sent). */
const before = (a: Waiting, b: Waiting) => a.at - b.at || a.seq - b.seq;

export const simulateNight = (
  tree: NightTree,
  model: Pick<AwsModel, 'batchSize' | 'batchingWindowMs' | 'hopMs'>,
  lanes: number,
): Simulation => {
  // A sorted list: a night has a few thousand messages.
  const waiting: Waiting[] = [];
  let seq = 0;
  const enqueue = (node: SimNode, at: number) => {
    const w = { node, at, seq: seq++ };
    let lo = 0;
    let hi = waiting.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(waiting[mid] as Waiting, w) <= 0) lo = mid + 1;
      else hi = mid;
    }
    waiting.splice(lo, 0, w);
  };
  enqueue(tree.root, 0);
  const free = Array.from({ length: lanes }, () => 0);
  let totalMs = 0;
  let workMs = 0;
  let maxBatchMs = 0;
  let maxMessageMs = 0;
  let batches = 0;
  while (waiting.length > 0) {
    // The lane free first takes the next batch.
    let lane = 0;
    for (let l = 1; l < lanes; l += 1) if ((free[l] as number) < (free[lane] as number)) lane = l;
    const first = waiting[0] as Waiting;
    const full = waiting[model.batchSize - 1];
    const gathered = Math.min(first.at + model.batchingWindowMs, full ? full.at : Number.POSITIVE_INFINITY);
    const start = Math.max(free[lane] as number, first.at, gathered);
    const batch: Waiting[] = [];
    while (batch.length < model.batchSize && waiting.length > 0 && (waiting[0] as Waiting).at <= start)
      batch.push(waiting.shift() as Waiting);
    let t = start;
    for (const { node } of batch) {
      t += node.ms;
      workMs += node.ms;
      maxMessageMs = Math.max(maxMessageMs, node.ms);
      for (const child of node.children) enqueue(child, t + model.hopMs);
    }
    batches += 1;
    maxBatchMs = Math.max(maxBatchMs, t - start);
    free[lane] = t;
    totalMs = Math.max(totalMs, t);
  }
  const chain = tree.biggestOrgChain;
  const lastChunks = chain.at(-1)?.children.filter((c) => c.type === 'nightly.sessions') ?? [];
  const chainMs =
    tree.root.ms +
    chain.reduce((sum, step) => sum + model.hopMs + step.ms, 0) +
    model.hopMs +
    Math.max(0, ...lastChunks.map((c) => c.ms));
  // The tick, each step and the last chunk: one wait each.
  const chainWithWindowsMs = chainMs + (chain.length + 2) * model.batchingWindowMs;
  return {
    lanes,
    totalMs,
    workMs,
    maxBatchMs,
    maxMessageMs,
    batches,
    chainMs,
    chainWithWindowsMs,
    chainSteps: chain.length,
  };
};
