import type { Deps } from '../../../kernel/domain/deps.js';
import type { Booking } from './model.js';

/**
 * Where an expiring offer's entry goes: nowhere (it ends `expired`), or, when its event re-queues
 * expired offers, back to the end of the line at a freshly reserved position.
 */
export const requeuePositionFor = async (
  deps: Pick<Deps, 'events' | 'waitlist'>,
  booking: Booking,
): Promise<number | undefined> => {
  if (!booking.waitlistEntryId) return undefined;
  const event = await deps.events.get(booking.orgId, booking.eventId);
  if (event?.settings.offerExpiry !== 'requeue') return undefined;
  return deps.waitlist.reservePosition(booking.orgId, booking.sessionId);
};
