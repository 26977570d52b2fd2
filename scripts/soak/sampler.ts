import type { OutboxProbe } from './outbox-probe.js';
import type { QueueDepthProbe } from './queue-depth.js';

/**
 * Once a second: the oldest pending notification and the notifications queue's depth. Samples
 * never overlap: when one takes longer than the period (a large backlog has many pages), the
 * next starts right after it, and the sample count shows it.
 */

export type Phase = 'load' | 'drain';

export interface Sample {
  /** Seconds since the load started. */
  t: number;
  phase: Phase;
  oldestPendingSeconds: number;
  pendingNotifications: number;
  queueDepth: number;
}

export interface Sampler {
  setPhase(phase: Phase): void;
  samples(): readonly Sample[];
  /** Samples that failed (a read error); they are left out, not counted as zero. */
  errors(): number;
  stop(): Promise<void>;
}

const periodMs = 1000;

export const startSampler = (
  outbox: OutboxProbe,
  queue: QueueDepthProbe,
  onSample: (sample: Sample) => void,
): Sampler => {
  const t0 = performance.now();
  const samples: Sample[] = [];
  let phase: Phase = 'load';
  let stopped = false;
  let errors = 0;

  const takeOne = async (): Promise<void> => {
    const [pending, queueDepth] = await Promise.all([outbox.pending(), queue.depth()]);
    const sample: Sample = {
      t: Math.round(performance.now() - t0) / 1000,
      phase,
      oldestPendingSeconds: Math.round(pending.oldestAgeSeconds * 10) / 10,
      pendingNotifications: pending.count,
      queueDepth,
    };
    samples.push(sample);
    onSample(sample);
  };

  const loop = async (): Promise<void> => {
    let next = performance.now();
    while (!stopped) {
      try {
        await takeOne();
      } catch {
        errors += 1;
      }
      next += periodMs;
      const wait = next - performance.now();
      if (wait > 0) await new Promise((done) => setTimeout(done, wait));
      else next = performance.now();
    }
  };
  const running = loop();

  return {
    setPhase: (p) => {
      phase = p;
    },
    samples: () => samples,
    errors: () => errors,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
};
