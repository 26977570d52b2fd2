import { percentile } from '../booking-load/latency.js';

/** What the buyers were answered, request by request, and its sums. */

export type Outcome =
  /** 201 with a confirmed booking. */
  | 'confirmed'
  /** 409 CAPACITY_EXHAUSTED: not as many places left as asked. */
  | 'soldOut'
  /** 503 after the function's own retries (a conflict or a throttle it could not get past). */
  | 'unavailable'
  /** Anything else: the run is not a clean on-sale. */
  | 'error';

export interface Answered {
  outcome: Outcome;
  /** Places asked. */
  seats: number;
  ms: number;
  /** When it was answered, since the crowd started. */
  atMs: number;
  /** `status code` of an error, for the report. */
  detail?: string;
}

export interface CrowdTally {
  requests: number;
  confirmedBookings: number;
  confirmedPlaces: number;
  soldOutAnswers: number;
  /** Sold-out answers by the places they refused (`{ "1": 480, "3": 2 }`). */
  soldOutBySeats: Record<string, number>;
  unavailable: number;
  /** Unexpected answers by `status code`. */
  errors: Record<string, number>;
  elapsedMs: number;
  /** When the first buyer was refused a single place (the session sold out), since the start. */
  soldOutAtMs: number;
  /** Requests answered until then, and those of them answered 503. */
  requestsUntilSoldOut: number;
  unavailableUntilSoldOut: number;
  p50Ms: number;
  p99Ms: number;
}

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

export const tally = (answers: readonly Answered[], elapsedMs: number): CrowdTally => {
  const soldOutAt = Math.min(
    elapsedMs,
    ...answers.filter((a) => a.outcome === 'soldOut' && a.seats === 1).map((a) => a.atMs),
  );
  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  const result: CrowdTally = {
    requests: answers.length,
    confirmedBookings: 0,
    confirmedPlaces: 0,
    soldOutAnswers: 0,
    soldOutBySeats: {},
    unavailable: 0,
    errors: {},
    elapsedMs: Math.round(elapsedMs),
    soldOutAtMs: Math.round(soldOutAt),
    requestsUntilSoldOut: answers.filter((a) => a.atMs <= soldOutAt).length,
    unavailableUntilSoldOut: answers.filter((a) => a.atMs <= soldOutAt && a.outcome === 'unavailable').length,
    p50Ms: latencies.length ? round(percentile(latencies, 50)) : 0,
    p99Ms: latencies.length ? round(percentile(latencies, 99)) : 0,
  };
  for (const a of answers) {
    if (a.outcome === 'confirmed') {
      result.confirmedBookings++;
      result.confirmedPlaces += a.seats;
    } else if (a.outcome === 'soldOut') {
      result.soldOutAnswers++;
      result.soldOutBySeats[a.seats] = (result.soldOutBySeats[a.seats] ?? 0) + 1;
    } else if (a.outcome === 'unavailable') result.unavailable++;
    else {
      const key = a.detail ?? 'unknown';
      result.errors[key] = (result.errors[key] ?? 0) + 1;
    }
  }
  return result;
};

/**
 * Sold-out answers that asked for no more places than the session still had at the end. Nothing
 * gives places back during the run (free bookings confirm at once and none is cancelled), so a
 * session's availability only falls: such a refusal was a false "sold out".
 */
export const falseSoldOuts = (t: CrowdTally, availableAtEnd: number): number =>
  Object.entries(t.soldOutBySeats)
    .filter(([seats]) => Number(seats) <= availableAtEnd)
    .reduce((sum, [, count]) => sum + count, 0);
