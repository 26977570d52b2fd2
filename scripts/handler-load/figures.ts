import { percentile } from '../booking-load/latency.js';
import type { Machine } from '../booking-load/machine.js';
import { type Sample, seriesFigures } from '../checkin-load/series.js';
import type { ProfileSummary } from './cpu-profile.js';
import type { SizedAction, WritesCost } from './write-units.js';

/** What one run of `npm run bench:handler` measured (`--json` prints it). */

export interface BookingSeries {
  bookings: number;
  /** CPU of this process per booking (`process.cpuUsage`, user + system), ms. */
  cpuMsPerBooking: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** DynamoDB Local's JVM per booking (null when it was not found). */
  dynamoDbLocalCpuMsPerBooking: number | null;
  /** DynamoDB calls per booking (`transactItems` in `callsByCommand`: items per booking in transactions). */
  dynamoCallsPerBooking: number;
  callsByCommand: Record<string, number>;
}

export interface WriteCost {
  /** Bookings sized. */
  sized: number;
  /**
   * Write units per booking on the table, summed over its write requests (standard for single
   * writes, transactional for the items of a transaction): mean, min and max over those sized.
   */
  writeUnits: { mean: number; min: number; max: number };
  /** Standard write units the global secondary indexes take per booking (mean). */
  indexWriteUnits: number;
  /** Write requests per booking (mean). */
  requests: number;
  /** The items of the first booking sized, request by request in the order sent, each with its size and units. */
  items: SizedAction[];
}

export interface HandlerBenchFigures {
  machine: Machine;
  loadAverage1m: { start: number; end: number };
  /** The function serving `POST /v1/orgs/{orgId}/sessions/{sessionId}/bookings`. */
  function: string;
  /**
   * Handler CPU per booking / CPU per booking of the same write requests (claim, take, transaction)
   * replayed in order with the plain SDK.
   */
  cpuRatio: number;
  handler: BookingSeries;
  raw: BookingSeries;
  /**
   * Requests to SQS per booking through the handler: none, the notification goes from the table's
   * stream (raw sends none either).
   */
  sqsRequestsPerBooking: number;
  /** This process's CPU while idle before the series (ms per second): the background both carry. */
  idleCpuMsPerSec: number;
  /** Write units of a booking through the handler, summed over its write requests (the mean of those sized). */
  wcuPerBooking: number;
  writeCost: {
    handler: WriteCost;
    /**
     * The floor: the booking's counter update (a single write) and its booking item (in a transaction
     * of its own) alone, replayed with the plain SDK.
     */
    rawFloor: WriteCost;
  };
  /** Where the handler's CPU goes, from a separate profiled series of handler bookings alone. */
  profile: (ProfileSummary & { bookings: number }) | null;
  targets: { maxCpuRatio: number; cpuRatioMet: boolean; maxWcuPerBooking: number; wcuMet: boolean };
}

export const targets = { maxCpuRatio: 1.5, maxWcuPerBooking: 12 } as const;

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

export const bookingSeries = (samples: readonly Sample[], jvmFound: boolean): BookingSeries => {
  const s = seriesFigures(samples, jvmFound);
  const walls = samples.map((x) => x.wallMs).sort((a, b) => a - b);
  return {
    bookings: s.scans,
    cpuMsPerBooking: s.cpuMsPerScan,
    p50Ms: s.p50Ms,
    p95Ms: s.p95Ms,
    p99Ms: round(percentile(walls, 99)),
    dynamoDbLocalCpuMsPerBooking: s.dynamoDbLocalCpuMsPerScan,
    dynamoCallsPerBooking: s.dynamoCallsPerScan,
    callsByCommand: s.callsByCommand,
  };
};

export const writeCost = (costs: readonly WritesCost[]): WriteCost => {
  const units = costs.map((c) => c.writeUnits);
  const mean = (values: number[]) => round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length));
  return {
    sized: costs.length,
    writeUnits: { mean: mean(units), min: Math.min(...units), max: Math.max(...units) },
    indexWriteUnits: mean(costs.map((c) => c.indexWriteUnits)),
    requests: mean(costs.map((c) => new Set(c.actions.map((a) => a.request)).size)),
    items: costs[0]?.actions ?? [],
  };
};
