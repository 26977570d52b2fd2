import { DomainError } from '../errors.js';
import type { Seating, Session } from '../model/session.js';
import type { Deps } from '../ports.js';
import { placeLabels } from './sessions-seating.js';

const sameLabels = (a: readonly string[] | null, b: readonly string[] | null): boolean =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((l, i) => l === b[i]));

const placesInUse = (message: string, labels: readonly string[]) =>
  new DomainError('CONFLICT', message, { labels: [...labels] });

/**
 * A new seat map or table plan must keep every place a live booking holds, and while bookings are
 * live a session cannot switch between places (seats, tables) and general admission. A booking
 * made against the old seating cannot land after the change: its transaction checks the session
 * is unchanged, and it is made again against the new seating.
 */
export const assertBookedPlacesKept = async (
  deps: Deps,
  current: Session,
  seating: Seating,
): Promise<void> => {
  const before = placeLabels(current.seating);
  const after = placeLabels(seating);
  if (sameLabels(before, after)) return;
  const counter = await deps.sessions.getCounter(current.orgId, current.sessionId);
  if (!counter || counter.held + counter.confirmed === 0) return;
  if (before === null || after === null) {
    throw placesInUse('the session has live bookings; it cannot switch to or from general admission', []);
  }
  const kept = new Set(after);
  const booked = await deps.bookings.bookedSeats(current.orgId, current.sessionId);
  const lost = booked.map((s) => s.label).filter((l) => !kept.has(l));
  if (lost.length > 0) {
    throw placesInUse(
      `booked places would disappear: ${lost.join(', ')}; keep them or cancel those bookings first`,
      lost,
    );
  }
};
