import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import type { Seating, Session } from './session.js';
import type { PlacesGuard } from './session-ports.js';
import { placeLabels } from './sessions-seating.js';

const sameLabels = (a: readonly string[] | null, b: readonly string[] | null): boolean =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((l, i) => l === b[i]));

const placesInUse = (message: string, labels: readonly string[]) =>
  new DomainError('CONFLICT', message, { labels: [...labels] });

/**
 * Removed places checked one by one in the write; beyond this, the write requires the bookings not
 * to change at all. Leaves room in the 100-item transaction for the session's own items.
 */
export const maxPlacesCheckedEach = 90;

/**
 * A new seat map or table plan must keep every place a live booking holds, and while bookings are
 * live a session cannot switch between places (seats, tables) and general admission. Answers what
 * the check relied on, for the write to check again: a booking landing between this read and the
 * write makes the write fail, and the check runs again. The other order is closed by the booking:
 * its transaction checks the session is unchanged, and it is made again against the new seating.
 */
export const bookedPlacesGuard = async (
  deps: Pick<Deps, 'bookings' | 'sessions'>,
  current: Session,
  seating: Seating,
): Promise<PlacesGuard | undefined> => {
  const before = placeLabels(current.seating);
  const after = placeLabels(seating);
  if (sameLabels(before, after)) return undefined;
  const counter = await deps.sessions.getCounter(current.orgId, current.sessionId);
  if (!counter || counter.held + counter.confirmed === 0) return { kind: 'none-live' };
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
  const removed = before.filter((l) => !kept.has(l));
  if (removed.length === 0) return undefined;
  return removed.length <= maxPlacesCheckedEach
    ? { kind: 'places-free', labels: removed }
    : { kind: 'counter-at', version: counter.version };
};
