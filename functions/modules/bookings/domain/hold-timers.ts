import type { Deps } from '../../../kernel/domain/deps.js';
import { type Booking, holdReminderAt } from './model.js';

/**
 * The two timers of a new hold (a priced booking, or a waitlist offer): its expiry, and the
 * reminder a few minutes before it. Made after the commit; a schedule that fails to be made is
 * covered by the sweeper for the expiry, while a lost reminder only costs the reminder.
 */
export const scheduleHoldTimers = async (
  deps: Pick<Deps, 'holdScheduler'>,
  booking: Booking,
): Promise<void> => {
  const { orgId, sessionId, bookingId, holdExpiresAt } = booking;
  if (booking.status !== 'held' || !holdExpiresAt) return;
  const ref = { orgId, sessionId, bookingId };
  const remindAt = holdReminderAt(booking);
  await Promise.all([
    deps.holdScheduler.scheduleExpiry({ ...ref, at: holdExpiresAt }),
    remindAt ? deps.holdScheduler.scheduleReminder({ ...ref, at: remindAt }) : undefined,
  ]);
};
