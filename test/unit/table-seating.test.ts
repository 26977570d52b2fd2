import { describe, expect, it } from 'vitest';
import { chooseSeats } from '../../functions/modules/bookings/domain/bookings-seats.js';
import {
  placeLabels,
  resolveSeating,
  tableOf,
} from '../../functions/modules/catalog/domain/sessions-seating.js';

/** Places at tables: labels `${table}-${n}`, one table when one has room, else as few as possible. */

const tables = [
  { name: 'T1', capacity: 4 },
  { name: 'T2', capacity: 6 },
  { name: 'Garden-2', capacity: 2 },
];
const places = placeLabels({ mode: 'tables', tables }) ?? [];

const choose = (taken: string[], seats: number, requested?: string[]) =>
  chooseSeats({ seatMap: places, taken: new Set(taken), seats, requested, together: false, tables });

describe('table places', () => {
  it('labels every place of every table in table order, and reads the table back from a label', () => {
    expect(places).toEqual([
      'T1-1',
      'T1-2',
      'T1-3',
      'T1-4',
      ...['T2-1', 'T2-2', 'T2-3', 'T2-4', 'T2-5', 'T2-6'],
      'Garden-2-1',
      'Garden-2-2',
    ]);
    expect(places.map(tableOf)).toEqual([
      ...Array(4).fill('T1'),
      ...Array(6).fill('T2'),
      'Garden-2',
      'Garden-2',
    ]);
  });

  it('seats a booking at the lowest table with enough free places', () => {
    expect(choose([], 3)).toEqual(['T1-1', 'T1-2', 'T1-3']);
    expect(choose(['T1-2'], 3)).toEqual(['T1-1', 'T1-3', 'T1-4']);
    expect(choose(['T1-1', 'T1-2'], 3)).toEqual(['T2-1', 'T2-2', 'T2-3']);
  });

  it('else uses as few tables as possible, keeping larger free tables whole', () => {
    // Free: T1 2, T2 3, Garden-2 2. Five people: T2 (3) and the smallest that seats the other two.
    const taken = ['T1-1', 'T1-2', 'T2-1', 'T2-2', 'T2-3'];
    expect(choose(taken, 5)).toEqual(['T1-3', 'T1-4', 'T2-4', 'T2-5', 'T2-6']);
    // Free: T1 1, T2 1, Garden-2 2: three people need two tables, Garden-2 and then T1.
    const full = ['T1-1', 'T1-2', 'T1-3', 'T2-1', 'T2-2', 'T2-3', 'T2-4', 'T2-5'];
    expect(choose(full, 3)).toEqual(['T1-4', 'Garden-2-1', 'Garden-2-2']);
  });

  it('among tables with the same free places, keeps table order, and ignores whether the booking is a party', () => {
    // Free: T1 2, T2 2, Garden-2 2. Three people: two tables, the first in table order first.
    const taken = ['T1-1', 'T1-2', 'T2-1', 'T2-2', 'T2-3', 'T2-4'];
    expect(choose(taken, 3)).toEqual(['T1-3', 'T1-4', 'T2-5']);
    const together = chooseSeats({
      seatMap: places,
      taken: new Set(taken),
      seats: 3,
      requested: undefined,
      together: true,
      tables,
    });
    expect(together).toEqual(['T1-3', 'T1-4', 'T2-5']);
  });

  it('takes requested places as they are, and answers what is left when too few are free', () => {
    expect(choose([], 2, ['T2-6', 'Garden-2-1'])).toEqual(['T2-6', 'Garden-2-1']);
    expect(() => choose(['T2-6'], 1, ['T2-6'])).toThrow(expect.objectContaining({ code: 'SEAT_TAKEN' }));
    expect(choose(places.slice(1), 3)).toEqual(['T1-1']);
  });
});

describe('table seating', () => {
  const room = { roomId: 'room_x', name: 'Main', capacity: null };
  const choice = { mode: 'tables' as const, seats: undefined, defaultCapacity: 50 };

  it('takes the capacity from the tables, and refuses a capacity that differs', () => {
    expect(resolveSeating({ ...choice, tables, capacity: undefined }, room)).toEqual({
      capacity: 12,
      seating: { mode: 'tables', tables },
    });
    expect(() => resolveSeating({ ...choice, tables, capacity: 10 }, room)).toThrow(
      expect.objectContaining({
        details: {
          errors: [
            { field: 'tables', message: 'has 12 table places but the capacity is 10; change both together' },
          ],
        },
      }),
    );
  });

  it('refuses a table named twice, and no tables at all', () => {
    const twice = [...tables, { name: 'T1', capacity: 2 }];
    expect(() => resolveSeating({ ...choice, tables: twice, capacity: undefined }, room)).toThrow(
      expect.objectContaining({
        details: { errors: [{ field: 'tables', message: 'table T1 appears twice' }] },
      }),
    );
    expect(() => resolveSeating({ ...choice, tables: [], capacity: undefined }, room)).toThrow(
      expect.objectContaining({
        details: { errors: [{ field: 'tables', message: 'needs at least one table' }] },
      }),
    );
  });
});
