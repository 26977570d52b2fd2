import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../functions/kernel/domain/errors.js';
import { occurrences, type Recurrence } from '../../functions/kernel/domain/time/recurrence.js';
import {
  formatZoned,
  localToUtc,
  parseLocal,
  parseLocalDate,
} from '../../functions/kernel/domain/time/zoned.js';
import { maxSeriesLength } from '../../functions/modules/catalog/domain/session.js';
import { resolveTime, seriesSpans } from '../../functions/modules/catalog/domain/sessions-schedule.js';

const hour = 3_600_000;
const at = (text: string, tz: string) => resolveTime(text, tz, 'startsAt');
const spanFrom = (text: string, tz: string, hours = 2) => {
  const start = at(text, tz);
  return { start, end: start + hours * hour };
};
const zonedStarts = (text: string, tz: string, r: Recurrence) =>
  seriesSpans(spanFrom(text, tz), tz, r).map((s) => formatZoned(s.start, tz));

const failure = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (err) {
    return err as DomainError;
  }
  throw new Error('expected a validation failure');
};

const fieldsOf = (err: DomainError) => (err.details.errors as { field: string }[]).map((e) => e.field);

describe('venue-local times', () => {
  it('reads a wall-clock time in the venue zone and an offset time as an instant', () => {
    expect(new Date(at('2026-07-01T19:00', 'Europe/Berlin')).toISOString()).toBe('2026-07-01T17:00:00.000Z');
    expect(new Date(at('2026-01-15T19:00', 'Europe/Berlin')).toISOString()).toBe('2026-01-15T18:00:00.000Z');
    expect(new Date(at('2026-07-01T19:00:00-04:00', 'Europe/Berlin')).toISOString()).toBe(
      '2026-07-01T23:00:00.000Z',
    );
    expect(formatZoned(Date.parse('2026-03-29T17:00:00Z'), 'Europe/Berlin')).toBe(
      '2026-03-29T19:00:00+02:00',
    );
    expect(formatZoned(Date.parse('2026-01-15T18:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-15T23:30:00+05:30');
  });

  it('refuses a wall-clock time inside a DST gap, naming the field', () => {
    expect(localToUtc(parseLocal('2026-03-29T02:30')!, 'Europe/Berlin')).toEqual({ kind: 'gap' });
    expect(localToUtc(parseLocal('2026-03-08T02:15')!, 'America/New_York')).toEqual({ kind: 'gap' });
    const err = failure(() => at('2026-03-29T02:30', 'Europe/Berlin'));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(err)).toEqual(['startsAt']);
  });

  it('takes the earlier instant of a wall-clock time that happens twice (clocks fall back)', () => {
    expect(new Date(at('2026-10-25T02:30', 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(at('2026-11-01T01:30', 'America/New_York')).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('refuses dates and times that do not exist on any calendar', () => {
    expect(parseLocal('2026-02-30T10:00')).toBeUndefined();
    expect(parseLocal('2026-02-10T24:00')).toBeUndefined();
    expect(parseLocalDate('2026-13-01')).toBeUndefined();
    expect(parseLocalDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(fieldsOf(failure(() => at('2026-02-30T10:00:00Z', 'UTC')))).toEqual(['startsAt']);
    expect(fieldsOf(failure(() => at('2026-03-01T10:00:00+24:00', 'UTC')))).toEqual(['startsAt']);
    expect(new Date(at('2026-03-29T19:00+02:00', 'UTC')).toISOString()).toBe('2026-03-29T17:00:00.000Z');
  });
});

describe('recurring series', () => {
  it('keeps 19:00 Europe/Berlin on both sides of the March change (weekly)', () => {
    const starts = zonedStarts('2026-03-17T19:00', 'Europe/Berlin', {
      frequency: 'weekly',
      interval: 1,
      count: 4,
    });
    expect(starts).toEqual([
      '2026-03-17T19:00:00+01:00',
      '2026-03-24T19:00:00+01:00',
      '2026-03-31T19:00:00+02:00',
      '2026-04-07T19:00:00+02:00',
    ]);
  });

  it('keeps 19:00 Europe/Berlin on both sides of the October change (weekly)', () => {
    const spans = seriesSpans(spanFrom('2026-10-18T19:00', 'Europe/Berlin'), 'Europe/Berlin', {
      frequency: 'weekly',
      interval: 1,
      count: 2,
    });
    expect(spans.map((s) => new Date(s.start).toISOString())).toEqual([
      '2026-10-18T17:00:00.000Z',
      '2026-10-25T18:00:00.000Z',
    ]);
    expect(spans.every((s) => s.end - s.start === 2 * hour)).toBe(true);
  });

  it('keeps 18:30 America/New_York across both US changes (weekly on two weekdays)', () => {
    const march = zonedStarts('2026-03-03T18:30', 'America/New_York', {
      frequency: 'weekly',
      interval: 1,
      count: 4,
      weekdays: ['tue', 'thu'],
    });
    expect(march).toEqual([
      '2026-03-03T18:30:00-05:00',
      '2026-03-05T18:30:00-05:00',
      '2026-03-10T18:30:00-04:00',
      '2026-03-12T18:30:00-04:00',
    ]);
    const november = zonedStarts('2026-10-27T18:30', 'America/New_York', {
      frequency: 'weekly',
      interval: 1,
      count: 2,
    });
    expect(november).toEqual(['2026-10-27T18:30:00-04:00', '2026-11-03T18:30:00-05:00']);
  });

  it('lays a daily series out day by day, across the change too', () => {
    const starts = zonedStarts('2026-03-28T09:00', 'Europe/Berlin', {
      frequency: 'daily',
      interval: 1,
      count: 3,
    });
    expect(starts).toEqual([
      '2026-03-28T09:00:00+01:00',
      '2026-03-29T09:00:00+02:00',
      '2026-03-30T09:00:00+02:00',
    ]);
    const everyOther = zonedStarts('2026-05-01T09:00', 'UTC', { frequency: 'daily', interval: 2, count: 3 });
    expect(everyOther).toEqual([
      '2026-05-01T09:00:00+00:00',
      '2026-05-03T09:00:00+00:00',
      '2026-05-05T09:00:00+00:00',
    ]);
  });

  it('ends on the until date inclusive, and skips weeks with an interval', () => {
    const start = parseLocal('2026-06-01T10:00')!;
    const until = occurrences(
      start,
      { frequency: 'daily', interval: 1, until: parseLocalDate('2026-06-05') },
      32,
    );
    expect(until.map((o) => o.day)).toEqual([1, 2, 3, 4, 5]);
    const fortnightly = occurrences(
      start,
      { frequency: 'weekly', interval: 2, until: parseLocalDate('2026-07-01'), weekdays: ['mon', 'wed'] },
      32,
    );
    expect(fortnightly.map((o) => `${o.month}-${o.day}`)).toEqual([
      '6-1',
      '6-3',
      '6-15',
      '6-17',
      '6-29',
      '7-1',
    ]);
  });

  it('refuses a series that does not end, ends twice, ends before it starts or is too long', () => {
    const start = parseLocal('2026-06-01T10:00')!;
    const weekly = { frequency: 'weekly', interval: 1 } as const;
    expect(fieldsOf(failure(() => occurrences(start, weekly, 32)))).toEqual(['recurrence']);
    expect(
      fieldsOf(
        failure(() => occurrences(start, { ...weekly, count: 2, until: parseLocalDate('2026-07-01') }, 32)),
      ),
    ).toEqual(['recurrence']);
    expect(
      fieldsOf(failure(() => occurrences(start, { ...weekly, until: parseLocalDate('2026-05-01') }, 32))),
    ).toEqual(['recurrence.until']);
    expect(
      fieldsOf(failure(() => occurrences(start, { ...weekly, count: maxSeriesLength + 1 }, maxSeriesLength))),
    ).toEqual(['recurrence.count']);
    expect(
      fieldsOf(
        failure(() =>
          occurrences(
            start,
            { frequency: 'daily', interval: 1, until: parseLocalDate('2026-12-31') },
            maxSeriesLength,
          ),
        ),
      ),
    ).toEqual(['recurrence.until']);
    const exactlyMax = occurrences(start, { ...weekly, count: maxSeriesLength }, maxSeriesLength);
    expect(exactlyMax).toHaveLength(maxSeriesLength);
  });

  it('refuses a series with an occurrence inside a DST gap instead of shifting it', () => {
    const err = failure(() =>
      seriesSpans(spanFrom('2026-03-22T02:30', 'Europe/Berlin'), 'Europe/Berlin', {
        frequency: 'weekly',
        interval: 1,
        count: 2,
      }),
    );
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(err)).toEqual(['recurrence']);
    expect(err.message + JSON.stringify(err.details)).toContain('2026-03-29T02:30');
  });
});
