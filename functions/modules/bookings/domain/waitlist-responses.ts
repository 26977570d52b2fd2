import type { AccessDeps } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { bookingNotFound } from './bookings-access.js';
import { asCancelled, confirmHeld } from './bookings-changes.js';
import type { BookingRef } from './model.js';
import { notWaiting } from './waitlist-changes.js';
import type { WaitlistEntry, WaitlistView } from './waitlist-model.js';
import { entryNotFound, readEntry, viewOne } from './waitlist-view.js';

/**
 * The answer to an offer, by its owner or staff. Both go through the offer's held booking: the
 * booking's transaction moves the entry with it (confirmed -> accepted, cancelled -> declined),
 * so entry and booking can never disagree. Answering the same way twice answers the entry as it is.
 */

const offerOf = (e: WaitlistEntry): BookingRef => ({
  orgId: e.orgId,
  sessionId: e.sessionId,
  bookingId: e.bookingId as string,
});

const current = async (
  deps: Pick<Deps, 'events' | 'forecasts' | 'waitlist'>,
  e: WaitlistEntry,
): Promise<WaitlistView> => {
  const again = await deps.waitlist.getInSession(e.orgId, e.sessionId, e.entryId);
  if (!again) throw entryNotFound();
  return viewOne(deps, again);
};

/**
 * Free events: the held booking is confirmed through the booking engine's confirm use case.
 * Priced events: it stays held for payment (which confirms it, and the entry with it); accepting
 * records when the owner said yes.
 */
export const acceptOffer = async (
  deps: Pick<Deps, 'bookings' | 'clock' | 'events' | 'forecasts' | 'holdScheduler' | 'waitlist'> & AccessDeps,
  principal: Principal,
  orgId: string,
  entryId: string,
): Promise<WaitlistView> => {
  const { entry } = await readEntry(deps, principal, orgId, entryId, 'booking.manage');
  if (entry.status === 'accepted') return viewOne(deps, entry);
  if (entry.status !== 'offered') throw notWaiting(entry, 'accepted');
  const booking = await deps.bookings.get(offerOf(entry));
  if (!booking) throw bookingNotFound();
  if (booking.paymentStatus === 'pending') {
    if (!entry.respondedAt) await deps.waitlist.markResponded(entry, deps.clock.now().toISOString());
    return current(deps, entry);
  }
  await confirmHeld(deps, offerOf(entry), principal.sub);
  return current(deps, entry);
};

/** Declining releases the held places, which go to the next in line through `capacity.released`. */
export const declineOffer = async (
  deps: Pick<Deps, 'bookings' | 'clock' | 'events' | 'forecasts' | 'holdScheduler' | 'waitlist'> & AccessDeps,
  principal: Principal,
  orgId: string,
  entryId: string,
): Promise<WaitlistView> => {
  let { entry } = await readEntry(deps, principal, orgId, entryId, 'booking.manage');
  for (let moved = false; ; moved = true) {
    if (entry.status === 'declined') return viewOne(deps, entry);
    if (entry.status !== 'offered') throw notWaiting(entry, 'declined');
    const booking = await deps.bookings.get(offerOf(entry));
    if (!booking) throw bookingNotFound();
    // The entry moves in the booking's transaction: after one re-read they agree.
    if (booking.status !== 'held' && moved) throw notWaiting(entry, 'declined');
    if (booking.status === 'held') {
      const next = asCancelled(booking, deps.clock.now().toISOString());
      const reason = 'waitlist offer declined';
      if (
        (await deps.bookings.transition({ current: booking, next, by: principal.sub, reason })) === 'done'
      ) {
        await deps.holdScheduler.cancelExpiry(offerOf(entry));
        return current(deps, entry);
      }
    }
    const again = await deps.waitlist.getInSession(entry.orgId, entry.sessionId, entry.entryId);
    if (!again) throw entryNotFound();
    entry = again;
  }
};
