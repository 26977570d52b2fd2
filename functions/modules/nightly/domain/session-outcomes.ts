import type { Deps } from '../../../kernel/domain/deps.js';
import { utcToLocal, weekdayOf } from '../../../kernel/domain/time/zoned.js';
import type { Booking, WaitlistEntry } from '../../bookings/index.js';
import type { SessionOutcome } from '../../forecasts/index.js';
import type { SessionSummary } from './nightly-model.js';

/** Largest page of the listings read here. */
const pageSize = 100;
const minuteMs = 60_000;
const dayMs = 86_400_000;

const everyPage = async <T>(
  read: (cursor: string | undefined) => Promise<{ items: T[]; cursor: string | null }>,
) => {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    all.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return all;
};

/** The day of the week (0 = Sunday) of an instant where the session takes place. */
export const weekdayAt = (at: string, timeZone: string): number =>
  weekdayOf(utcToLocal(Date.parse(at), timeZone));

/** When an entry stopped waiting in the line: its offer, else the change that took it out. */
const leftLineAt = (e: WaitlistEntry): number =>
  e.offeredAt
    ? Date.parse(e.offeredAt)
    : e.status === 'waiting'
      ? Number.POSITIVE_INFINITY
      : Date.parse(e.updatedAt);

/**
 * Each offered entry's wait (join to offer) and its place in the line when it joined: one plus
 * the entries that joined before it and were still waiting then.
 */
export const waitsOf = (entries: readonly WaitlistEntry[]): SessionOutcome['waitMinutes'] =>
  entries
    .filter((e) => e.offeredAt)
    .map((e) => {
      const joined = Date.parse(e.joinedAt);
      const ahead = entries.filter(
        (f) => f !== e && Date.parse(f.joinedAt) < joined && leftLineAt(f) > joined,
      ).length;
      return { minutes: (Date.parse(e.offeredAt as string) - joined) / minuteMs, position: ahead + 1 };
    });

/** What an ended session taught, from its bookings, its door and its waitlist. */
export const sessionOutcomeOf = async (
  deps: Pick<Deps, 'bookings' | 'waitlist' | 'admissionReads'>,
  orgId: string,
  s: SessionSummary,
): Promise<SessionOutcome> => {
  const [bookings, admissions, entries] = await Promise.all([
    everyPage<Booking>(async (cursor) => {
      const p = await deps.bookings.listBySession(orgId, s.sessionId, { limit: pageSize, cursor });
      return { items: p.items, cursor: p.nextCursor };
    }),
    deps.admissionReads.sessionAdmissions(orgId, s.sessionId),
    everyPage<WaitlistEntry>(async (cursor) => {
      const p = await deps.waitlist.listBySession(orgId, s.sessionId, undefined, { limit: pageSize, cursor });
      return { items: p.items, cursor: p.nextCursor };
    }),
  ]);
  const confirmed = bookings.filter((b) => b.status === 'confirmed');
  const firstBooked = Math.min(...confirmed.map((b) => Date.parse(b.createdAt)));
  const starts = Date.parse(s.startsAt);
  return {
    sessionId: s.sessionId,
    eventId: s.eventId,
    venueId: s.venueId,
    startsAt: s.startsAt,
    weekday: weekdayAt(s.startsAt, s.timezone),
    capacity: s.capacity,
    confirmedPlaces: confirmed.reduce((n, b) => n + b.seats, 0),
    // No admission at all: the door did not scan (no check-in data), not "nobody came".
    ...(admissions.length > 0 ? { admittedPlaces: admissions.length } : {}),
    waitlistJoined: entries.length,
    waitlistBooked: entries.filter((e) => e.status === 'accepted').length,
    waitMinutes: waitsOf(entries),
    ...(confirmed.length > 0 ? { leadDays: Math.max(0, (starts - firstBooked) / dayMs) } : {}),
  };
};
