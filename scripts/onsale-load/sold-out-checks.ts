import type { BookableSession, Organizer } from '../booking-load/catalog-fixture.js';
import { seatsIn } from '../invariants/bookings.js';
import type { TableLocation } from '../invariants/scan.js';
import { readSessions } from '../invariants/session-read.js';
import { toSnapshot } from '../invariants/snapshot.js';
import { type CrowdTally, falseSoldOuts } from './tally.js';

/**
 * Whether the on-sale sold exactly its places: the session's availability as the API reads it,
 * and its confirmed places as its booking items hold them (the invariant checker: table-invariants.ts).
 */

export interface SoldOutFigures {
  /** The API's availability of the session after the run. */
  availability: { capacity: number; available: number; held: number; confirmed: number };
  /** Places of the session's confirmed bookings, read from the table. */
  confirmedPlacesInTable: number;
  /** Confirmed places beyond the session's places (must be 0). */
  oversold: number;
  /** Sold-out answers for no more places than were still free at the end (must be 0). */
  falseSoldOut: number;
}

export const checkSoldOut = async (
  owner: Organizer,
  session: BookableSession,
  places: number,
  crowd: CrowdTally,
  local: TableLocation,
): Promise<SoldOutFigures> => {
  const res = await owner.call<{ availability: SoldOutFigures['availability'] | null }>(
    'GET',
    `/v1/orgs/${owner.orgId}/sessions/${session.sessionId}`,
    { token: owner.token },
  );
  const availability = res.json?.availability;
  if (res.status !== 200 || !availability)
    throw new Error(`reading the session answered HTTP ${res.status}: ${res.text}`);
  const ref = { orgId: owner.orgId, sessionId: session.sessionId };
  const snapshot = toSnapshot(await readSessions(local, [ref]));
  const bookings = snapshot.sessions.flatMap((s) => s.bookings);
  const confirmedPlacesInTable = seatsIn(bookings, 'confirmed');
  return {
    availability,
    confirmedPlacesInTable,
    oversold: Math.max(0, confirmedPlacesInTable - places, crowd.confirmedPlaces - places),
    falseSoldOut: falseSoldOuts(crowd, availability.available),
  };
};
