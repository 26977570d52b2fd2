import { type FieldIssue, validationFailed } from '../errors.js';
import { addDays, compareDates, type LocalDate, type LocalDateTime, weekdayOf } from './zoned.js';

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

/**
 * A series laid out on the venue's calendar: every occurrence keeps the first one's wall-clock
 * time, whatever the UTC offset on its day. Ends after `count` occurrences or on the local date
 * `until` (inclusive); exactly one of the two.
 */
export interface Recurrence {
  frequency: 'daily' | 'weekly';
  /** Every n-th day or week. */
  interval: number;
  count?: number | undefined;
  until?: LocalDate | undefined;
  /** Weekly only: the days of each week; by default the start's own weekday. */
  weekdays?: readonly Weekday[] | undefined;
}

const refuse = (issue: FieldIssue) => validationFailed([issue]);

/** Weeks are counted from the Monday on or before the start, so `interval` skips whole weeks. */
const mondayOf = (d: LocalDate): LocalDate => addDays(d, -((weekdayOf(d) + 6) % 7));

const isOccurrenceDay = (r: Recurrence, start: LocalDate, day: LocalDate, wanted: ReadonlySet<number>) => {
  const elapsed = Math.round(compareDates(day, start) / 86_400_000);
  if (r.frequency === 'daily') return elapsed % r.interval === 0;
  const week = Math.round(compareDates(mondayOf(day), mondayOf(start)) / (7 * 86_400_000));
  return week % r.interval === 0 && wanted.has(weekdayOf(day));
};

/**
 * The local start times of a series beginning at `start` (which is the first occurrence, unless
 * weekly `weekdays` leave its day out: then the first listed day after it is). Refuses a series
 * longer than `max`, an `until` before the start, or one that yields nothing.
 */
export const occurrences = (start: LocalDateTime, r: Recurrence, max: number): LocalDateTime[] => {
  if ((r.count === undefined) === (r.until === undefined)) {
    throw refuse({ field: 'recurrence', message: 'give exactly one of count and until' });
  }
  if (r.count !== undefined && (r.count < 1 || r.count > max)) {
    throw refuse({ field: 'recurrence.count', message: `must be between 1 and ${max}` });
  }
  if (r.until && compareDates(r.until, start) < 0) {
    throw refuse({ field: 'recurrence.until', message: 'must not be before the start date' });
  }
  if (r.frequency === 'daily' && r.weekdays) {
    throw refuse({ field: 'recurrence.weekdays', message: 'only weekly series take weekdays' });
  }
  if (r.weekdays?.length === 0)
    throw refuse({ field: 'recurrence.weekdays', message: 'name at least one day' });
  const wanted = new Set((r.weekdays ?? [weekdays[weekdayOf(start)]!]).map((w) => weekdays.indexOf(w)));
  const limit = r.count ?? max;
  const out: LocalDateTime[] = [];
  for (let day: LocalDate = start; ; day = addDays(day, 1)) {
    if (r.until && compareDates(day, r.until) > 0) break;
    if (!isOccurrenceDay(r, start, day, wanted)) continue;
    if (out.length === limit) {
      if (r.count !== undefined) break;
      throw refuse({
        field: 'recurrence.until',
        message: `the series would have more than ${max} sessions; end it earlier`,
      });
    }
    out.push({ ...start, year: day.year, month: day.month, day: day.day });
  }
  if (out.length === 0) throw refuse({ field: 'recurrence', message: 'the series has no session' });
  return out;
};
