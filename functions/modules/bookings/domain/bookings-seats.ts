import { DomainError, validationFailed } from '../../../kernel/domain/errors.js';
import type { SessionTable } from '../../catalog/index.js';
import { tablePlaces } from '../../catalog/index.js';

/**
 * Seat allocation for seated and table sessions. The choice is made from a read of the taken seats; the
 * seat puts of the booking transaction (`attribute_not_exists`) are what make it safe when two
 * bookings pick the same seat at once: one of them fails with SEAT_TAKEN.
 */

/** The row a label belongs to: what precedes its seat number (`A12` -> `A`, `R1-3` -> `R1`). */
const rowOf = (label: string): string => label.replace(/-?\d+$/, '');

/** The first run of `n` free seats next to each other in one row, in seat map order. */
const adjacentRun = (free: readonly string[], order: ReadonlyMap<string, number>, n: number) => {
  for (let i = 0; i + n <= free.length; i++) {
    const run = free.slice(i, i + n);
    const first = run[0] as string;
    const contiguous = run.every(
      (label, k) => order.get(label) === (order.get(first) ?? 0) + k && rowOf(label) === rowOf(first),
    );
    if (contiguous) return run;
  }
  return undefined;
};

export interface SeatRequest {
  /** The session's seat labels in map order. */
  seatMap: readonly string[];
  taken: ReadonlySet<string>;
  seats: number;
  requested: readonly string[] | undefined;
  /** Parties sit together: adjacent seats are preferred over the lowest ones. */
  together: boolean;
  /** Table sessions: `seatMap` holds their places, and a booking sits at as few tables as it can. */
  tables?: readonly SessionTable[] | undefined;
}

/**
 * Free places for `seats` people at as few tables as possible: the first table with enough free
 * places; else the tables with the most free places, the last one being the smallest that seats
 * the rest (so larger free tables stay whole for later parties). Assumes enough places are free.
 */
const placesAtTables = (tables: readonly SessionTable[], taken: ReadonlySet<string>, seats: number) => {
  const free = tables.map((t, index) => ({ index, places: tablePlaces(t).filter((l) => !taken.has(l)) }));
  const one = free.find((t) => t.places.length >= seats);
  if (one) return one.places.slice(0, seats);
  const rest = free
    .filter((t) => t.places.length > 0)
    .sort((a, b) => b.places.length - a.places.length || a.index - b.index);
  const picked: { index: number; places: string[] }[] = [];
  for (let left = seats; left > 0 && rest.length > 0; ) {
    const fits = rest.filter((t) => t.places.length >= left);
    const smallest = fits[fits.length - 1]?.places.length;
    const next = fits.find((t) => t.places.length === smallest) ?? (rest[0] as (typeof rest)[number]);
    rest.splice(rest.indexOf(next), 1);
    picked.push({ index: next.index, places: next.places.slice(0, left) });
    left -= Math.min(left, next.places.length);
  }
  return picked.sort((a, b) => a.index - b.index).flatMap((t) => t.places);
};

/** Requested labels (all must exist and be free), else the lowest free ones (or places at tables). */
export const chooseSeats = ({
  seatMap,
  taken,
  seats,
  requested,
  together,
  tables,
}: SeatRequest): string[] => {
  if (requested && requested.length > 0) {
    if (requested.length !== seats) {
      throw validationFailed([{ field: 'seatLabels', message: `must name exactly ${seats} seats` }]);
    }
    if (new Set(requested).size !== requested.length) {
      throw validationFailed([{ field: 'seatLabels', message: 'names a seat twice' }]);
    }
    const known = new Set(seatMap);
    const unknown = requested.filter((l) => !known.has(l));
    if (unknown.length > 0) {
      throw validationFailed([{ field: 'seatLabels', message: `no such seats: ${unknown.join(', ')}` }]);
    }
    const busy = requested.filter((l) => taken.has(l));
    if (busy.length > 0) throw seatTaken(busy);
    return [...requested];
  }
  const free = seatMap.filter((l) => !taken.has(l));
  if (free.length < seats) return free.slice(0, seats);
  if (tables) return placesAtTables(tables, taken, seats);
  const order = new Map(seatMap.map((l, i) => [l, i]));
  return (together && adjacentRun(free, order, seats)) || free.slice(0, seats);
};

export const seatTaken = (labels: readonly string[]): DomainError =>
  new DomainError('SEAT_TAKEN', `seats already taken: ${labels.join(', ')}`, { labels: [...labels] });

export const capacityExhausted = (available: number, wanted: number, waiting = 0): DomainError =>
  waiting > 0
    ? new DomainError(
        'CAPACITY_EXHAUSTED',
        `${waiting} waitlist entries wait for this session; free places go to them first`,
        { available, waiting },
      )
    : new DomainError('CAPACITY_EXHAUSTED', `only ${available} places are left; ${wanted} were asked for`, {
        available,
      });
