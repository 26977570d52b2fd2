import type { BookableSession, Organizer } from './catalog-fixture.js';
import { type LoadFigures, measureLoad } from './latency.js';

/** Free general-admission bookings over HTTP, one per attendee, `concurrency` at a time. */

export interface BookingRun extends LoadFigures {
  /** Answers other than 201, by status (expected none: the session is large enough). */
  failures: Record<string, number>;
}

export const bookingPath = (orgId: string, sessionId: string): string =>
  `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`;

export const runHttpBookings = async (
  { call, token, orgId }: Organizer,
  session: BookableSession,
  attendeeIds: readonly string[],
  concurrency: number,
): Promise<BookingRun> => {
  const failures: Record<string, number> = {};
  const figures = await measureLoad(attendeeIds.length, concurrency, async (i) => {
    const res = await call('POST', bookingPath(orgId, session.sessionId), {
      token,
      body: { attendeeId: attendeeIds[i] },
    });
    if (res.status !== 201) failures[res.status] = (failures[res.status] ?? 0) + 1;
  });
  return { ...figures, failures };
};
