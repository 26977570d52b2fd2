import type { Machine } from '../booking-load/machine.js';
import type { BurstFigures } from './burst.js';
import type { PortProfile } from './port-profile.js';
import type { SeriesFigures } from './series.js';

/** What one run of `npm run bench:checkin` measured (`--json` prints it). */
export interface CheckinBenchFigures {
  machine: Machine;
  loadAverage1m: { start: number; end: number };
  /** Handler CPU per scan / raw CPU per scan (this process). */
  cpuRatio: number;
  /** Handler / raw, p50 latency. */
  p50Ratio: number;
  handler: SeriesFigures;
  raw: SeriesFigures;
  /** This process's CPU while idle before the series (ms per second): the background both carry. */
  idleCpuMsPerSec: number;
  /** Where the handler's CPU goes, from a separate profiled series. */
  profile: (PortProfile & { scans: number }) | null;
  burst: BurstFigures;
  targets: { maxCpuRatio: number; cpuRatioMet: boolean; burstMet: boolean };
}

export const targets = { maxCpuRatio: 2 } as const;
