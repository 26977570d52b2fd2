import { addDays, localToUtc, offsetMsAt, utcToLocal } from '../../../kernel/domain/time/zoned.js';

/** `HH:MM`, 00:00 to 23:59. */
export const timeOfDayPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The instant of "`offsetDays` days from the event's start date, at `timeOfDay`", both read on the
 * venue's wall clock: "-7 days at 09:00" is 09:00 local a week before the start day, whatever
 * daylight saving time did in between. A wall-clock time inside a spring-forward gap does not
 * exist: it is taken as the same time on the clock in force before the gap (02:30 becomes 03:30
 * summer time), as calendars do; one inside a fall-back overlap is the earlier instant.
 */
export const dueAtFrom = (
  startsAt: string,
  timeZone: string,
  offsetDays: number,
  timeOfDay: string,
): string => {
  const start = utcToLocal(Date.parse(startsAt), timeZone);
  const day = addDays(start, offsetDays);
  const [hour, minute] = timeOfDay.split(':').map(Number) as [number, number];
  const local = { ...day, hour, minute, second: 0 };
  const resolved = localToUtc(local, timeZone);
  if (resolved.kind === 'ok') return new Date(resolved.utcMs).toISOString();
  const wall = Date.UTC(local.year, local.month - 1, local.day, hour, minute);
  return new Date(wall - offsetMsAt(wall - 86_400_000, timeZone)).toISOString();
};
