/** A session's counter items read as one: their sums, and each item's version (main counter first). */
export interface CounterReading {
  available: number;
  held: number;
  confirmed: number;
  versions: number[];
}

/** Places the counter counts as taken that no booking holds, per bucket (never negative). */
export interface CounterExcess {
  held: number;
  confirmed: number;
}

interface Ref {
  orgId: string;
  sessionId: string;
}

/** Reading and correcting a session's counter items (catalog/adapters/counter-repairs.ts). */
export interface CounterRepairs {
  /** Sessions of the organization still scheduled, not being deleted, starting at or after `startingFrom`. */
  scheduledSessionIds(orgId: string, startingFrom: string): Promise<string[]>;
  /** The counter items as of one instant; undefined when the session has no counter. */
  read(ref: Ref): Promise<CounterReading | undefined>;
  /** The session's claims (bookings between their take and their commit): made at or after `youngFrom`, and the others'. */
  claims(ref: Ref, youngFrom: string): Promise<{ young: number; stale: string[] }>;
  /** Gives `excess` back to `available` on the main counter if no item moved since `reading`; false when one did. */
  correct(ref: Ref, reading: CounterReading, excess: CounterExcess): Promise<boolean>;
  /** Deletes the claims of these bookings (left by bookings that never came back). */
  dropClaims(ref: Ref, bookingIds: readonly string[]): Promise<void>;
}
