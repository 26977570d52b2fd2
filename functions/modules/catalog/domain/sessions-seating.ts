import { validationFailed } from '../../../kernel/domain/errors.js';
import type { Room } from './model.js';
import { maxSeats, maxTables, type Seating, type SeatingMode, type SessionTable } from './session.js';

/**
 * Rows expand to `A1..A10` in row order then seat order (a row named with a trailing digit gets a
 * dash, `R1-1`, so row R1 seat 11 never reads like row R11 seat 1); a list keeps its own order.
 */
export type SeatMapInput = { rows: { name: string; seats: number }[] } | { labels: string[] };

const seatLabel = (row: string, seat: number) => `${row}${/\d$/.test(row) ? '-' : ''}${seat}`;

const refuse = (field: string, message: string) => validationFailed([{ field, message }]);

const firstDuplicate = (values: readonly string[]): string | undefined => {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return undefined;
};

/** The ordered seat labels of a seat map: their order defines "lowest available". */
export const expandSeatMap = (input: SeatMapInput): string[] => {
  const labels =
    'rows' in input
      ? input.rows.flatMap((row) => Array.from({ length: row.seats }, (_, i) => seatLabel(row.name, i + 1)))
      : input.labels;
  if (labels.length === 0) throw refuse('seatMap', 'needs at least one seat');
  if (labels.length > maxSeats) throw refuse('seatMap', `has more than ${maxSeats} seats`);
  const twice = firstDuplicate(labels);
  if (twice !== undefined) throw refuse('seatMap', `seat ${twice} appears twice`);
  return labels;
};

/**
 * Table sessions book places at tables: each place is a seat label `${table}-${n}` (n = 1..the
 * table's capacity, tables in their order), so table places are allocated, held and checked
 * exactly like the seats of a seated session.
 */
export const tablePlaces = (t: SessionTable): string[] =>
  Array.from({ length: t.capacity }, (_, i) => `${t.name}-${i + 1}`);

/** The table a place label belongs to: what precedes its last dash (a place number has none). */
export const tableOf = (label: string): string => label.slice(0, label.lastIndexOf('-'));

/** Every bookable label of a session in order (seats, or table places); null for general admission. */
export const placeLabels = (seating: Seating): string[] | null => {
  if (seating.mode === 'seated') return seating.seats;
  if (seating.mode === 'tables') return seating.tables.flatMap(tablePlaces);
  return null;
};

export interface SeatingChoice {
  mode: SeatingMode;
  /** Explicit capacity; when absent it follows the seat map or tables, else `defaultCapacity`. */
  capacity: number | undefined;
  seats: string[] | undefined;
  tables: SessionTable[] | undefined;
  defaultCapacity: number;
}

const checkTables = (tables: readonly SessionTable[]): void => {
  if (tables.length === 0) throw refuse('tables', 'needs at least one table');
  if (tables.length > maxTables) throw refuse('tables', `has more than ${maxTables} tables`);
  const twice = firstDuplicate(tables.map((t) => t.name));
  if (twice !== undefined) throw refuse('tables', `table ${twice} appears twice`);
};

const placesOf = (choice: SeatingChoice): { seating: Seating; places: number | undefined } => {
  const { mode, seats, tables } = choice;
  if (mode !== 'seated' && seats) throw refuse('seatMap', 'only seated sessions have a seat map');
  if (mode !== 'tables' && tables) throw refuse('tables', 'only table sessions have tables');
  if (mode === 'seated') {
    if (!seats) throw refuse('seatMap', 'a seated session needs a seat map');
    return { seating: { mode, seats }, places: seats.length };
  }
  if (mode === 'tables') {
    if (!tables) throw refuse('tables', 'a table session needs its tables');
    checkTables(tables);
    return { seating: { mode, tables }, places: tables.reduce((sum, t) => sum + t.capacity, 0) };
  }
  return { seating: { mode }, places: undefined };
};

/**
 * The seating of a session and its capacity, kept consistent: a seated session has exactly one
 * seat per place, a table session's tables add up to its capacity, and no session holds more
 * people than its room (when the room has a capacity).
 */
export const resolveSeating = (choice: SeatingChoice, room: Room): { capacity: number; seating: Seating } => {
  const { seating, places } = placesOf(choice);
  const capacity = choice.capacity ?? places ?? choice.defaultCapacity;
  if (places !== undefined && places !== capacity) {
    const field = seating.mode === 'seated' ? 'seatMap' : 'tables';
    const what = seating.mode === 'seated' ? 'seats' : 'table places';
    throw refuse(field, `has ${places} ${what} but the capacity is ${capacity}; change both together`);
  }
  if (room.capacity !== null && capacity > room.capacity) {
    throw refuse('capacity', `exceeds the room's capacity of ${room.capacity}`);
  }
  return { capacity, seating };
};
