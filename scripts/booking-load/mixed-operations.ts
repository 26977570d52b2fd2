import type { ApiResponse } from '../local/api-client.js';
import type { BookableSession, Organizer } from './catalog-fixture.js';
import { bookingPath } from './http-booking.js';
import { runPool } from './pool.js';
import { honouringRetryAfter } from './retry-after.js';

/**
 * Mixed book, confirm and cancel operations over HTTP on one paid session whose holds expire within
 * seconds: what the booking concurrency test runs briefly and `npm run bench:mixed` runs at length.
 * Every operation is a client's (honouring 503 Retry-After); the holds it leaves are for the expiry
 * path to release.
 */

export interface MixedBooking {
  bookingId: string;
  seats: number;
}

/** Every answer a mixed run may get: made or refused for want of places, a lapsed hold, a cancel. */
export const expectedMixedOutcomes = ['book 201', 'book 409', 'confirm 200', 'confirm 409', 'cancel 200'];

export interface MixedRun {
  /** Answers by operation and status, e.g. `book 201`. */
  outcomes: Record<string, number>;
  /** Bookings still held when the run ended: nobody confirms them. */
  held: string[];
}

export const mixedClient = (org: Organizer, session: BookableSession) => ({
  book: (attendeeId: string, seats: number) =>
    honouringRetryAfter(() =>
      org.call<MixedBooking>('POST', bookingPath(org.orgId, session.sessionId), {
        token: org.token,
        body: { attendeeId, seats },
      }),
    ),
  act: (bookingId: string, action: 'cancel' | 'confirm'): Promise<ApiResponse<unknown>> =>
    honouringRetryAfter(() =>
      org.call('POST', `${bookingPath(org.orgId, session.sessionId)}/${bookingId}/${action}`, {
        token: org.token,
      }),
    ),
});

/**
 * `operations` operations, `inFlight` at a time: every fourth confirms a held booking, the next
 * cancels a confirmed one, the others book 1-3 seats. A booking is taken out of its list by the
 * operation that uses it, so two never race for one booking on purpose (the engine's own guards
 * are what the other tests probe). The last hundred operations confirm nothing, so holds are left.
 */
export const runMixedOperations = async (
  org: Organizer,
  session: BookableSession,
  attendeeIds: readonly string[],
  operations: number,
  inFlight: number,
): Promise<MixedRun> => {
  const client = mixedClient(org, session);
  const held: string[] = [];
  const confirmed: string[] = [];
  const outcomes: Record<string, number> = {};
  const note = (what: string) => {
    outcomes[what] = (outcomes[what] ?? 0) + 1;
  };
  await runPool(operations, inFlight, async (i) => {
    const kind = i % 4;
    if (kind === 1 && i < operations - 100 && held.length > 0) {
      const id = held.shift()!;
      const res = await client.act(id, 'confirm');
      note(`confirm ${res.status}`);
      if (res.status === 200) confirmed.push(id);
      return;
    }
    if (kind === 2 && confirmed.length > 0) {
      const res = await client.act(confirmed.shift()!, 'cancel');
      note(`cancel ${res.status}`);
      return;
    }
    const res = await client.book(attendeeIds[i % attendeeIds.length]!, 1 + (i % 3));
    note(`book ${res.status}`);
    if (res.status === 201) held.push(res.json.bookingId);
  });
  return { outcomes, held };
};
