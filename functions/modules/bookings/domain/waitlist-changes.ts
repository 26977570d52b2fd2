import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, validationFailed } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { positionBetween, type WaitlistEntry, type WaitlistView } from './waitlist-model.js';
import { entryNotFound, readEntry, viewOne } from './waitlist-view.js';

/**
 * Changes of a waiting entry: leaving the line (its owner cancels, staff remove) and staff moving
 * it. Each is one transaction conditional on the entry still waiting at the position it was read
 * at; when it moved meanwhile, the entry is read again.
 */

export const notWaiting = (e: WaitlistEntry, wanted: string) =>
  new DomainError('INVALID_TRANSITION', `the waitlist entry is ${e.status}; it cannot be ${wanted}`, {
    currentStatus: e.status,
  });

/** Places are free: a change of the line may let its (new) head be offered them. */
const placesFree = async (deps: Pick<Deps, 'sessions'>, e: WaitlistEntry) =>
  ((await deps.sessions.getCounter(e.orgId, e.sessionId))?.available ?? 0) > 0;

const reread = async (deps: Pick<Deps, 'waitlist'>, e: WaitlistEntry): Promise<WaitlistEntry> => {
  const again = await deps.waitlist.getInSession(e.orgId, e.sessionId, e.entryId);
  if (!again) throw entryNotFound();
  return again;
};

/**
 * waiting -> cancelled (the owner) or removed (staff). Asking again for an entry that already
 * left answers it as it is, so the request is safe to retry.
 */
export const leaveWaitlist = async (
  deps: Pick<Deps, 'clock' | 'events' | 'forecasts' | 'sessions' | 'waitlist'> & AccessDeps,
  principal: Principal,
  orgId: string,
  entryId: string,
): Promise<WaitlistView> => {
  const read = await readEntry(deps, principal, orgId, entryId, 'booking.manage');
  const status = read.booker.kind === 'staff' ? 'removed' : 'cancelled';
  let entry = read.entry;
  for (;;) {
    if (entry.status === 'cancelled' || entry.status === 'removed') return viewOne(deps, entry);
    if (entry.status !== 'waiting') throw notWaiting(entry, status);
    const at = deps.clock.now().toISOString();
    const result = await deps.waitlist.leave({
      entry,
      status,
      by: principal.sub,
      reason: status === 'removed' ? 'removed by staff' : 'cancelled by the attendee',
      at,
      wake: await placesFree(deps, entry),
    });
    if (result === 'done') return viewOne(deps, { ...entry, status, updatedAt: at });
    entry = await reread(deps, entry);
  }
};

/** Moves that find their target taken (a concurrent move) read the line again this often. */
const moveAttempts = 5;

/** Staff: moves a waiting entry to `rank` (1 = the head; past the end = the end). */
export const moveWaitlistEntry = async (
  deps: Pick<Deps, 'clock' | 'events' | 'forecasts' | 'sessions' | 'waitlist'> & AccessDeps,
  principal: Principal,
  orgId: string,
  entryId: string,
  rank: number,
): Promise<WaitlistView> => {
  await authorize(deps, orgId, principal, 'booking.manage');
  let entry = await deps.waitlist.get(orgId, entryId);
  if (!entry) throw entryNotFound();
  for (let attempt = 0; attempt < moveAttempts; attempt++) {
    if (entry.status !== 'waiting') throw notWaiting(entry, 'moved');
    const line = await deps.waitlist.line(orgId, entry.sessionId);
    const others = line.filter((s) => s.entryId !== entryId);
    const index = Math.min(rank, others.length + 1) - 1;
    if (line.findIndex((s) => s.entryId === entryId) === index) return viewOne(deps, entry);
    const position = positionBetween(others[index - 1]?.position, others[index]?.position);
    if (position === others[index - 1]?.position || position === others[index]?.position) {
      throw validationFailed([
        { field: 'position', message: 'no room left between those neighbours; move one of them first' },
      ]);
    }
    const at = deps.clock.now().toISOString();
    const wake = await placesFree(deps, entry);
    const result = await deps.waitlist.move({ entry, position, at, wake });
    if (result === 'done') return viewOne(deps, { ...entry, position, updatedAt: at });
    entry = await reread(deps, entry);
  }
  throw new DomainError('CONFLICT', 'the waitlist kept changing while moving the entry; try again');
};
