import { createHash } from 'node:crypto';
import type { HoldExpireMessage, HoldRemindMessage } from '../contracts/holds.js';
import type { BookingRef, HoldExpiry } from '../domain/model.js';

/** EventBridge Scheduler's limits on a schedule name; the local store keeps to them too. */
const SCHEDULE_NAME = /^[0-9a-zA-Z_.-]{1,64}$/;

/**
 * One name per booking, so making the schedule twice finds the first one and cancelling needs no
 * lookup. Readable (`hold-<org>-<booking>`) when it fits the limits; a digest of the full reference
 * otherwise, which is just as deterministic.
 */
const scheduleName = (prefix: 'hold' | 'remind', { orgId, sessionId, bookingId }: BookingRef): string => {
  const readable = `${prefix}-${orgId}-${bookingId}`;
  if (SCHEDULE_NAME.test(readable)) return readable;
  const digest = createHash('sha256').update(`${orgId}/${sessionId}/${bookingId}`).digest('hex');
  return `${prefix}-${digest.slice(0, 48)}`;
};

export const holdScheduleName = (ref: BookingRef): string => scheduleName('hold', ref);

/** The reminder's schedule: named apart from the expiry's, so both exist side by side. */
export const holdReminderScheduleName = (ref: BookingRef): string => scheduleName('remind', ref);

/** The holds-queue message a hold-expiry schedule delivers (both schedulers send the same body). */
export const holdExpireMessage = ({ orgId, sessionId, bookingId, at }: HoldExpiry): HoldExpireMessage => ({
  type: 'hold.expire',
  orgId,
  sessionId,
  bookingId,
  at,
});

/** The holds-queue message a hold's reminder schedule delivers. */
export const holdRemindMessage = (reminder: HoldExpiry): HoldRemindMessage => ({
  ...holdExpireMessage(reminder),
  type: 'hold.remind',
});
