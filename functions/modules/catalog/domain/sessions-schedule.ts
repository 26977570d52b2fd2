import { DomainError, validationFailed } from '../../../kernel/domain/errors.js';
import { occurrences, type Recurrence } from '../../../kernel/domain/time/recurrence.js';
import {
  atOffset,
  formatLocal,
  type LocalDateTime,
  localToUtc,
  parseDateTime,
  utcToLocal,
} from '../../../kernel/domain/time/zoned.js';
import { maxSeriesLength, maxSessionMinutes, type RoomSlot } from './session.js';
import type { SessionWrite } from './session-ports.js';

/** A session's time span, in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

const refuse = (field: string, message: string) => validationFailed([{ field, message }]);

const resolveLocal = (local: LocalDateTime, timeZone: string, field: string): number => {
  const resolved = localToUtc(local, timeZone);
  if (resolved.kind === 'gap') {
    throw refuse(
      field,
      `${formatLocal(local)} does not exist in ${timeZone}: the clocks skip it when daylight saving time starts`,
    );
  }
  return resolved.utcMs;
};

/**
 * A client time: with an offset (or Z) it is an instant; without one it is the venue's wall
 * clock. A wall-clock time that falls in a DST gap is refused, never shifted.
 */
export const resolveTime = (text: string, timeZone: string, field: string): number => {
  const parsed = parseDateTime(text);
  if (!parsed) throw refuse(field, 'must be an ISO 8601 date-time that exists on the calendar');
  return parsed.offsetMs === undefined
    ? resolveLocal(parsed.local, timeZone, field)
    : atOffset(parsed.local, parsed.offsetMs);
};

export const checkDuration = (span: Span, field: string): void => {
  if (span.end <= span.start) throw refuse(field, 'must be after the start');
  if (span.end - span.start > maxSessionMinutes * 60_000) {
    throw refuse(field, `a session lasts at most ${maxSessionMinutes / 1440} days`);
  }
};

/** A registration deadline must come before the session's start (`field` names what moved). */
export const checkRegistrationDeadline = (deadline: string | null, start: number, field: string): void => {
  if (deadline === null || Date.parse(deadline) < start) return;
  throw refuse(
    field,
    field === 'registrationDeadline'
      ? 'must be before the session starts'
      : `the session would start at or before its registration deadline (${deadline}); move or clear the deadline too`,
  );
};

/**
 * The spans of a series: each occurrence starts at the first one's wall-clock time in the venue's
 * zone (so 19:00 stays 19:00 across a DST change) and lasts as long as the first.
 */
export const seriesSpans = (first: Span, timeZone: string, recurrence: Recurrence | undefined): Span[] => {
  if (!recurrence) return [first];
  const duration = first.end - first.start;
  const starts = occurrences(utcToLocal(first.start, timeZone), recurrence, maxSeriesLength);
  return starts.map((local) => {
    const start = resolveLocal(local, timeZone, 'recurrence');
    return { start, end: start + duration };
  });
};

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Sessions of one series must not overlap each other either. */
export const checkSeriesDisjoint = (spans: readonly Span[]): void => {
  spans.slice(1).forEach((span, i) => {
    if (overlaps(spans[i]!, span))
      throw refuse('recurrence', 'the sessions of the series overlap each other');
  });
};

/** Every slot that could overlap one of `spans` starts in this window. */
export const scheduleWindow = (spans: readonly Span[]): { from: string; to: string } => ({
  from: new Date(Math.min(...spans.map((s) => s.start)) - maxSessionMinutes * 60_000).toISOString(),
  to: new Date(Math.max(...spans.map((s) => s.end))).toISOString(),
});

/** Refuses the first span that overlaps a slot of another session, naming that session. */
export const checkNoOverlap = (slots: readonly RoomSlot[], spans: readonly Span[], self?: string): void => {
  for (const span of spans) {
    const hit = slots.find(
      (s) =>
        s.sessionId !== self && overlaps(span, { start: Date.parse(s.startsAt), end: Date.parse(s.endsAt) }),
    );
    if (hit) {
      throw new DomainError(
        'SESSION_OVERLAP',
        `overlaps session ${hit.sessionId} (${hit.startsAt} to ${hit.endsAt}) in the same room; send allowOverlap: true to schedule it anyway`,
        { sessionId: hit.sessionId, startsAt: hit.startsAt, endsAt: hit.endsAt },
      );
    }
  }
};

/**
 * Runs a write planned against a room schedule; if the schedule (or, for a change of places, the
 * session's bookings) changed meanwhile, plans again. A few rounds are enough: each lost round
 * means another write committed.
 */
export const withScheduleRetry = async (attempt: () => Promise<SessionWrite>) => {
  for (let round = 0; round < 5; round++) {
    if ((await attempt()) === 'written') return;
  }
  throw new DomainError(
    'TEMPORARILY_UNAVAILABLE',
    "the room's schedule or the session's bookings are changing quickly; retry shortly",
  );
};
