import type { BookableSession, Organizer } from './catalog-fixture.js';
import { type LoadFigures, measureLoad } from './latency.js';

/** Free general-admission bookings over HTTP, one per booker, `concurrency` at a time. */

export interface BookingRun extends LoadFigures {
  /** Answers other than 201, by status (expected none: the session is large enough). */
  failures: Record<string, number>;
}

export const bookingPath = (orgId: string, sessionId: string): string =>
  `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`;

/** Who sends each booking: staff for an attendee (the organizer's token), or users for themselves. */
export type Bookers =
  | { kind: 'staff'; attendeeIds: readonly string[] }
  | { kind: 'self'; bookers: readonly { token: string; attendeeId: string }[] };

const bookerAt = (organizer: Organizer, bookers: Bookers, i: number) =>
  bookers.kind === 'staff'
    ? { token: organizer.token, attendeeId: bookers.attendeeIds[i]! }
    : bookers.bookers[i]!;

const countOf = (bookers: Bookers) =>
  bookers.kind === 'staff' ? bookers.attendeeIds.length : bookers.bookers.length;

export const runHttpBookings = async (
  organizer: Organizer,
  session: BookableSession,
  bookers: Bookers,
  concurrency: number,
): Promise<BookingRun> => {
  const failures: Record<string, number> = {};
  const figures = await measureLoad(countOf(bookers), concurrency, async (i) => {
    const { token, attendeeId } = bookerAt(organizer, bookers, i);
    const res = await organizer.call('POST', bookingPath(organizer.orgId, session.sessionId), {
      token,
      body: { attendeeId },
    });
    if (res.status !== 201) failures[res.status] = (failures[res.status] ?? 0) + 1;
  });
  return { ...figures, failures };
};
