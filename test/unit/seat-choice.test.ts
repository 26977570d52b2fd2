import { describe, expect, it } from 'vitest';
import { chooseSeats } from '../../functions/modules/bookings/domain/bookings-seats.js';
import { expandSeatMap, resolveSeating } from '../../functions/modules/catalog/domain/sessions-seating.js';

/** Seats of a seated session: the seat map's order, the lowest free seats, parties side by side. */

// Rows A and B of four seats, then row R1 whose labels carry a dash.
const seatMap = expandSeatMap({
  rows: [
    { name: 'A', seats: 4 },
    { name: 'B', seats: 4 },
    { name: 'R1', seats: 2 },
  ],
});

const choose = (taken: string[], seats: number, options: { together?: boolean; requested?: string[] } = {}) =>
  chooseSeats({
    seatMap,
    taken: new Set(taken),
    seats,
    requested: options.requested,
    together: options.together ?? false,
  });

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
};

describe('seat maps', () => {
  it('expands rows in row order then seat order, with a dash after a row name ending in a digit', () => {
    expect(seatMap).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4', 'R1-1', 'R1-2']);
    expect(expandSeatMap({ labels: ['Box 2', 'Box 1'] })).toEqual(['Box 2', 'Box 1']);
  });

  it('refuses an empty seat map and a seat named twice', () => {
    expect(refusal(() => expandSeatMap({ labels: [] }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'seatMap', message: 'needs at least one seat' }] },
    });
    expect(refusal(() => expandSeatMap({ labels: ['A1', 'A2', 'A1'] }))).toMatchObject({
      details: { errors: [{ field: 'seatMap', message: 'seat A1 appears twice' }] },
    });
  });

  it('takes the capacity from the seat map, and refuses a capacity that differs or exceeds the room', () => {
    const room = { roomId: 'room_x', name: 'Main', capacity: 10 };
    const choice = { mode: 'seated' as const, seats: seatMap, tables: undefined, defaultCapacity: 50 };
    expect(resolveSeating({ ...choice, capacity: undefined }, room)).toEqual({
      capacity: 10,
      seating: { mode: 'seated', seats: seatMap },
    });
    expect(refusal(() => resolveSeating({ ...choice, capacity: 8 }, room))).toMatchObject({
      details: {
        errors: [{ field: 'seatMap', message: 'has 10 seats but the capacity is 8; change both together' }],
      },
    });
    expect(
      refusal(() => resolveSeating({ ...choice, capacity: undefined }, { ...room, capacity: 9 })),
    ).toMatchObject({
      details: { errors: [{ field: 'capacity', message: "exceeds the room's capacity of 9" }] },
    });
  });
});

describe('seat choice', () => {
  it('gives a booking the lowest free seats in seat map order, adjacent or not', () => {
    expect(choose([], 2)).toEqual(['A1', 'A2']);
    expect(choose(['A2'], 2)).toEqual(['A1', 'A3']);
  });

  it('seats a party side by side in one row: the first such run in seat map order', () => {
    expect(choose(['A2'], 2, { together: true })).toEqual(['A3', 'A4']);
    // A4 and B1 follow each other in the map but not in one row.
    expect(choose(['A1', 'A2', 'A3'], 2, { together: true })).toEqual(['B1', 'B2']);
    // Free: B4, R1-1, R1-2; the row of R1-1 is R1, not B.
    expect(choose(seatMap.slice(0, 7), 2)).toEqual(['B4', 'R1-1']);
    expect(choose(seatMap.slice(0, 7), 2, { together: true })).toEqual(['R1-1', 'R1-2']);
  });

  it('falls back to the lowest free seats when no run is long enough for the party', () => {
    const taken = ['A2', 'A4', 'B2', 'B4', 'R1-2'];
    expect(choose(taken, 2, { together: true })).toEqual(['A1', 'A3']);
  });

  it('answers the free seats only, fewer than asked, when too few are free', () => {
    expect(choose(seatMap.slice(1), 3)).toEqual(['A1']);
    expect(choose(seatMap, 1)).toEqual([]);
  });

  it('takes requested seats as they are when they are free', () => {
    expect(choose(['A1'], 2, { requested: ['B4', 'A2'] })).toEqual(['B4', 'A2']);
  });

  it('refuses requested seats that are taken, unknown, named twice or not as many as the booking', () => {
    expect(refusal(() => choose(['A1', 'B1'], 2, { requested: ['B1', 'A1'] }))).toMatchObject({
      code: 'SEAT_TAKEN',
      details: { labels: ['B1', 'A1'] },
    });
    expect(refusal(() => choose([], 2, { requested: ['A1', 'Z9'] }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'seatLabels', message: 'no such seats: Z9' }] },
    });
    expect(refusal(() => choose([], 2, { requested: ['A1', 'A1'] }))).toMatchObject({
      details: { errors: [{ field: 'seatLabels', message: 'names a seat twice' }] },
    });
    expect(refusal(() => choose([], 2, { requested: ['A1'] }))).toMatchObject({
      details: { errors: [{ field: 'seatLabels', message: 'must name exactly 2 seats' }] },
    });
  });
});
