import { describe, expect, it } from 'vitest';
import { type Book, runCrowd } from '../../scripts/onsale-load/crowd.js';
import { falseSoldOuts } from '../../scripts/onsale-load/tally.js';
import { mulberry32 } from '../../scripts/soak/prng.js';

/** A session of `places` in memory: books while it has room, answers 503 on every `busyEvery`th call. */
const engine = (places: number, options: { busyEvery?: number; refuseFrom?: number } = {}) => {
  let available = places;
  let calls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const busyBuyers = new Set<number>();
  let overlapped = false;
  const book: Book = async (buyer, seats) => {
    calls++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    if (busyBuyers.has(buyer)) overlapped = true;
    busyBuyers.add(buyer);
    await new Promise((r) => setTimeout(r, 1));
    inFlight--;
    busyBuyers.delete(buyer);
    if (options.busyEvery && calls % options.busyEvery === 0)
      return { status: 503, retryAfterSeconds: 0.002 };
    // A broken engine: claims sold out while it still has places.
    if (options.refuseFrom !== undefined && available <= options.refuseFrom)
      return { status: 409, code: 'CAPACITY_EXHAUSTED' };
    if (seats > available) return { status: 409, code: 'CAPACITY_EXHAUSTED' };
    available -= seats;
    return { status: 201 };
  };
  return { book, state: () => ({ available, maxInFlight, overlapped }) };
};

describe('the on-sale crowd', () => {
  it('sells every place, refuses one place to every buyer at the end, and asks again after a 503', async () => {
    const e = engine(120, { busyEvery: 7 });
    let soldOutCalls = 0;
    const t = await runCrowd({
      buyers: 12,
      concurrency: 5,
      groupShare: 0.3,
      prng: mulberry32(1),
      book: e.book,
      onSoldOut: () => soldOutCalls++,
    });
    expect(soldOutCalls).toBe(1);
    expect(t.soldOutAtMs).toBeLessThanOrEqual(t.elapsedMs);
    // Every booking came before the session sold out; the last refusals after it.
    expect(t.requestsUntilSoldOut).toBeLessThan(t.requests);
    expect(t.requestsUntilSoldOut).toBeGreaterThanOrEqual(t.confirmedBookings);
    expect(t.confirmedPlaces).toBe(120);
    expect(e.state().available).toBe(0);
    expect(t.soldOutBySeats['1']).toBe(12);
    expect(t.unavailable).toBeGreaterThan(0);
    expect(t.requests).toBe(t.confirmedBookings + t.soldOutAnswers + t.unavailable);
    // Groups were asked for: more places than bookings.
    expect(t.confirmedPlaces).toBeGreaterThan(t.confirmedBookings);
    expect(e.state().maxInFlight).toBeLessThanOrEqual(5);
    expect(e.state().overlapped).toBe(false);
    expect(falseSoldOuts(t, e.state().available)).toBe(0);
  });

  it('counts a refusal while places were still free as a false sold out', async () => {
    const e = engine(50, { refuseFrom: 3 });
    const t = await runCrowd({ buyers: 4, concurrency: 4, groupShare: 0, prng: mulberry32(2), book: e.book });
    expect(e.state().available).toBe(3);
    expect(falseSoldOuts(t, e.state().available)).toBe(4);
  });

  it('ends a buyer on an unexpected answer and reports it', async () => {
    const t = await runCrowd({
      buyers: 3,
      concurrency: 2,
      groupShare: 0,
      prng: mulberry32(3),
      book: async () => ({ status: 500, code: 'INTERNAL' }),
    });
    expect(t.requests).toBe(3);
    expect(t.errors).toEqual({ '500 INTERNAL': 3 });
  });
});
