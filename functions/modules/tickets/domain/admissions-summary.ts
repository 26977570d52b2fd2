import type { Booking } from '../../bookings/index.js';
import type { AdmissionMove } from './admissions-ports.js';
import type { Admission } from './model.js';
import { ticketsOf } from './tickets.js';

/**
 * A session's door figures, computed from its bookings (the tickets), its admissions (where each
 * ticket stands) and its moves (every entry and exit a scan recorded). Pure: the use case reads.
 */

export interface MoveCount {
  entries: number;
  exits: number;
}

export interface AdmissionSummary {
  sessionId: string;
  /** Places of the confirmed bookings: one ticket each. */
  tickets: number;
  /** Tickets inside now (entered and not gone out since). */
  inside: number;
  /** Tickets that ever entered. */
  entered: number;
  /** Exits recorded. */
  exits: number;
  byGate: (MoveCount & { gate: string })[];
  /** By the hour (UTC) the scans were made in, earliest first. */
  byHour: (MoveCount & { hour: string })[];
  /** Once the session has started: confirmed tickets never admitted; null before. */
  noShows: number | null;
  generatedAt: string;
}

export interface SummaryInput {
  sessionId: string;
  startsAt: string;
  bookings: readonly Booking[];
  admissions: readonly Admission[];
  moves: readonly AdmissionMove[];
}

const hourMs = 3_600_000;

/** The start of the UTC hour `at` falls in. */
export const hourOf = (at: string): string =>
  new Date(Math.floor(Date.parse(at) / hourMs) * hourMs).toISOString();

/** Entries and exits per key, in key order. */
const tally = (moves: readonly AdmissionMove[], keyOf: (m: AdmissionMove) => string) => {
  const counts = new Map<string, MoveCount>();
  for (const m of moves) {
    const key = keyOf(m);
    const count = counts.get(key) ?? { entries: 0, exits: 0 };
    if (m.outcome === 'admitted') count.entries += 1;
    else count.exits += 1;
    counts.set(key, count);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
};

export const summarize = (input: SummaryInput, now: Date): AdmissionSummary => {
  const tickets = input.bookings.flatMap(ticketsOf);
  const admitted = new Set(input.admissions.map((a) => a.ticketId));
  const started = Date.parse(input.startsAt) <= now.getTime();
  return {
    sessionId: input.sessionId,
    tickets: tickets.length,
    inside: input.admissions.filter((a) => a.state === 'in').length,
    entered: input.admissions.length,
    exits: input.moves.filter((m) => m.outcome === 'exited').length,
    byGate: tally(input.moves, (m) => m.gate).map(([gate, count]) => ({ gate, ...count })),
    byHour: tally(input.moves, (m) => hourOf(m.scannedAt)).map(([hour, count]) => ({ hour, ...count })),
    noShows: started ? tickets.filter((t) => !admitted.has(t.ticketId)).length : null,
    generatedAt: now.toISOString(),
  };
};
