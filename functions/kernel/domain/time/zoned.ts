/**
 * Wall-clock time in an IANA time zone, on top of the runtime's Intl time-zone data (no library:
 * the domain stays dependency-free and Lambda's Node ships full ICU).
 *
 * DST rules chosen here, and relied on by sessions and recurring series:
 * - a local time inside a gap (clocks spring forward, e.g. 02:30 on the last Sunday of March in
 *   Europe/Berlin) does not exist: `localToUtc` reports it and callers refuse it (422);
 * - a local time inside an overlap (clocks fall back, 02:30 happens twice) means the earlier
 *   instant, the one still on summer time.
 */

/** A calendar date and wall-clock time with no zone attached. Months are 1-12. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export type LocalDate = Pick<LocalDateTime, 'year' | 'month' | 'day'>;

const dayMs = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

export const isTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** Treats the wall-clock fields as if they were UTC: the arithmetic base for local dates. */
const wallMs = (t: LocalDateTime): number => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);

const fromWallMs = (ms: number): LocalDateTime => {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
};

/** The wall-clock time in `timeZone` at the instant `utcMs`. */
export const utcToLocal = (utcMs: number, timeZone: string): LocalDateTime => {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
};

/** Milliseconds the zone is ahead of UTC at the instant `utcMs` (whole seconds). */
export const offsetMsAt = (utcMs: number, timeZone: string): number =>
  wallMs(utcToLocal(utcMs, timeZone)) - Math.floor(utcMs / 1000) * 1000;

export type LocalResolution = { kind: 'ok'; utcMs: number } | { kind: 'gap' };

/**
 * The instant a wall-clock time denotes in `timeZone`. Tries the offsets in force a day before
 * and a day after (zones change offset at most once within two days) and keeps those that map
 * back to the same wall clock: none means a gap, two mean an overlap (the earlier one wins).
 */
export const localToUtc = (local: LocalDateTime, timeZone: string): LocalResolution => {
  const wall = wallMs(local);
  const offsets = new Set([offsetMsAt(wall - dayMs, timeZone), offsetMsAt(wall + dayMs, timeZone)]);
  const instants = [...offsets]
    .map((offset) => wall - offset)
    .filter((utc) => utc + offsetMsAt(utc, timeZone) === wall)
    .sort((a, b) => a - b);
  const first = instants[0];
  return first === undefined ? { kind: 'gap' } : { kind: 'ok', utcMs: first };
};

export const addDays = (date: LocalDate, days: number): LocalDate => {
  const { year, month, day } = fromWallMs(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year, month, day };
};

/** 0 = Sunday ... 6 = Saturday, as Date#getUTCDay. */
export const weekdayOf = (date: LocalDate): number =>
  new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();

export const compareDates = (a: LocalDate, b: LocalDate): number =>
  Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export const formatLocalDate = (d: LocalDate): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

export const formatLocal = (t: LocalDateTime): string =>
  `${formatLocalDate(t)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;

const formatOffset = (offsetMs: number): string => {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
};

/** ISO 8601 in the zone's wall clock with its offset, e.g. `2026-03-29T19:00:00+02:00`. */
export const formatZoned = (utcMs: number, timeZone: string): string =>
  `${formatLocal(utcToLocal(utcMs, timeZone))}${formatOffset(offsetMsAt(utcMs, timeZone))}`;

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Round-trips through Date.UTC so that 2026-02-30 or 25:00 are refused rather than rolled over. */
const isReal = (t: LocalDateTime): boolean => {
  const back = fromWallMs(wallMs(t));
  return (
    back.year === t.year &&
    back.month === t.month &&
    back.day === t.day &&
    back.hour === t.hour &&
    back.minute === t.minute
  );
};

/** `2026-03-29T19:00` or `2026-03-29T19:00:30`; undefined when the text has an offset or is not a time. */
export const parseLocal = (text: string): LocalDateTime | undefined => {
  const m = localPattern.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const t = { year, month, day, hour, minute, second };
  return isReal(t) && second < 60 ? t : undefined;
};

export const parseLocalDate = (text: string): LocalDate | undefined => {
  const m = datePattern.exec(text);
  if (!m) return undefined;
  const [year, month, day] = m.slice(1, 4).map(Number) as [number, number, number];
  const t = { year, month, day, hour: 0, minute: 0, second: 0 };
  return isReal(t) ? { year, month, day } : undefined;
};

const offsetPattern = /(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 date-time with an offset (an instant) or without one (a wall-clock time), checked
 * field by field: Date.parse would roll 2026-02-30 over into March.
 */
export const parseDateTime = (
  text: string,
): { local: LocalDateTime; offsetMs: number | undefined } | undefined => {
  const m = offsetPattern.exec(text);
  const local = parseLocal(m ? text.slice(0, m.index) : text);
  if (!local) return undefined;
  if (!m) return { local, offsetMs: undefined };
  const [, sign, hours = '0', minutes = '0'] = m;
  if (Number(hours) > 23 || Number(minutes) > 59) return undefined;
  const offsetMs = (Number(hours) * 60 + Number(minutes)) * 60_000;
  return { local, offsetMs: sign === '-' ? -offsetMs : offsetMs };
};

/** The instant of a wall-clock time at a fixed offset. */
export const atOffset = (local: LocalDateTime, offsetMs: number): number => wallMs(local) - offsetMs;
