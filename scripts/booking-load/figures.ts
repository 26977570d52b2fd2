import type { BookingRun } from './http-booking.js';
import type { LoadFigures } from './latency.js';
import type { Machine } from './machine.js';

/** Everything one `npm run bench:booking` measures; `--json` prints it as it is. */
export interface BookingBenchFigures {
  machine: Machine;
  /** Booking over HTTP (local runtime, in process) by users for themselves, by concurrency. */
  http: Record<string, BookingRun>;
  /** Staff booking for attendees over HTTP at concurrency 32, with its DynamoDB calls per booking. */
  httpStaff: { run: BookingRun; callsPerBooking: number; byCommand: Record<string, number> };
  /** The bare booking transaction with the plain SDK on the same DynamoDB Local, by concurrency. */
  raw: Record<string, LoadFigures>;
  /** The route's DynamoDB work alone (its read, then its transaction with checks), by concurrency. */
  rawRoute: Record<string, LoadFigures>;
  /** The route's transaction alone (writes and checks, no read), by concurrency. */
  rawRouteTransaction: Record<string, LoadFigures>;
  /** DynamoDB calls per self-service booking over HTTP, background work of the runtime subtracted. */
  callsPerBooking: number;
  /** The same, by command. */
  callsPerBookingByCommand: Record<string, number>;
  /** Items per `TransactWriteItems` of the HTTP runs, of the raw and of the route-shaped one. */
  transactionItems: { http: number; raw: number; rawRoute: number };
  /** Calls per second the idle runtime makes by itself (schedule firer, sweeper), subtracted above. */
  backgroundCallsPerSec: number;
  /** HTTP booking throughput / raw transaction throughput, at concurrency 32. */
  ratioAtC32: number;
  /** Route-shaped raw throughput / raw throughput at concurrency 32: the share the route's own
   * reads and checks leave, before any HTTP or handler cost. */
  routeShapedRatioAtC32: number;
  /** The route's transaction alone / raw throughput at concurrency 32: the share the four condition
   * checks leave, with no read, HTTP or handler cost at all. */
  routeTransactionRatioAtC32: number;
  targets: {
    maxCallsPerBooking: number;
    callsMet: boolean;
    minRatioAtC32: number;
    ratioMet: boolean;
  };
  /** The invariant checker over the table after the run. */
  invariants: { ok: boolean; violations: number; bookings: number };
}

export const targets = { maxCallsPerBooking: 2, minRatioAtC32: 0.7 } as const;
