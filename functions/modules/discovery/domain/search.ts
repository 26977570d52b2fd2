import type { Deps } from '../../../kernel/domain/deps.js';
import { validationFailed } from '../../../kernel/domain/errors.js';
import type { Page, Principal } from '../../../kernel/domain/types.js';
import { coveringCells } from './geo-cover.js';
import { haversineKm, type LatLng } from './geo-distance.js';
import type { DiscoveredEvent, DiscoveryEntry } from './model.js';
import { byScore, matchedInterests, scoreOf } from './ranking.js';

export interface NearbyQuery extends LatLng {
  radiusKm: number;
  /** Half-open [from, to) on the event's start; with either, unscheduled events match no range. */
  from?: string | undefined;
  to?: string | undefined;
  interest?: string | undefined;
  maxPriceMinor?: number | undefined;
  /** Only events with a session still to come that has a free place (read live from its counter). */
  freePlaces?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Cells read at once: a search's Queries run in waves of this many. */
const parallelQueries = 8;

/** Every index entry within `radiusKm` of the point: the covering cells' Queries, then the exact distance. */
export const entriesWithin = async (
  deps: Pick<Deps, 'discovery'>,
  at: LatLng,
  radiusKm: number,
): Promise<(DiscoveryEntry & { distanceKm: number })[]> => {
  const cells = coveringCells(at, radiusKm);
  if (!cells)
    throw validationFailed([
      { field: 'radiusKm', message: 'is too large this close to a pole; ask for a smaller radius' },
    ]);
  const found: DiscoveryEntry[] = [];
  for (let i = 0; i < cells.length; i += parallelQueries) {
    const pages = await Promise.all(cells.slice(i, i + parallelQueries).map((c) => deps.discovery.inCell(c)));
    for (const p of pages) found.push(...p);
  }
  return found.flatMap((e) => {
    const distanceKm = haversineKm(at, e);
    return distanceKm <= radiusKm ? [{ ...e, distanceKm }] : [];
  });
};

const inRange = (at: string, q: Pick<NearbyQuery, 'from' | 'to'>) =>
  (!q.from || at >= q.from) && (!q.to || at < q.to);

/**
 * Whether the event's own start is in the range; without a range, whether it is not over yet (its
 * end, or else its start, not passed). An event without a start of its own is decided later by
 * its sessions (`sessionInRange`).
 */
const inWindow = (e: DiscoveryEntry, q: NearbyQuery, now: string) => {
  if (!e.startsAt) return true;
  if (q.from || q.to) return inRange(e.startsAt, q);
  return (e.endsAt ?? e.startsAt) >= now;
};

/** Whether one of the event's scheduled sessions starts in the range (events dated only by sessions). */
export const sessionInRange = async (
  deps: Pick<Deps, 'sessions'>,
  e: Pick<DiscoveryEntry, 'orgId' | 'eventId'>,
  q: Pick<NearbyQuery, 'from' | 'to'>,
): Promise<boolean> => {
  const { items } = await deps.sessions.listByEvent(e.orgId, e.eventId, { limit: 50 });
  return items.some((s) => s.status === 'scheduled' && !s.deleting && inRange(s.startsAt, q));
};

/** Whether one of the event's sessions still to come has a free place (its counter, shards summed). */
export const hasFreePlaces = async (
  deps: Pick<Deps, 'sessions'>,
  e: Pick<DiscoveryEntry, 'orgId' | 'eventId'>,
  now: string,
): Promise<boolean> => {
  const { items } = await deps.sessions.listByEvent(e.orgId, e.eventId, { limit: 50 });
  for (const s of items) {
    if (s.status !== 'scheduled' || s.deleting || s.endsAt <= now) continue;
    const counter = await deps.sessions.getCounter(e.orgId, s.sessionId);
    if (counter && counter.available > 0) return true;
  }
  return false;
};

/** The page cursor: the offset into the ranked results of the same query. */
const listOf = (q: NearbyQuery) =>
  [q.lat, q.lng, q.radiusKm, q.from, q.to, q.interest, q.maxPriceMinor, q.freePlaces].join('|');
const badCursor = () => validationFailed([{ field: 'cursor', message: 'is not a cursor of this search' }]);
const offsetOf = (q: NearbyQuery): number => {
  if (!q.cursor) return 0;
  try {
    const v: unknown = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8'));
    if (typeof v === 'object' && v && 'l' in v && 'o' in v && v.l === listOf(q) && typeof v.o === 'number')
      return v.o;
  } catch {
    // refused below
  }
  throw badCursor();
};
const cursorAt = (q: NearbyQuery, offset: number) =>
  Buffer.from(JSON.stringify({ l: listOf(q), o: offset })).toString('base64url');

/**
 * Ranks `entries` for a caller with interests `mine` and takes one page. The checks that read
 * sessions (an undated event's date range, `freePlaces`) run lazily in rank order, only as far
 * as the page needs.
 */
export const rankedPage = async (
  deps: Pick<Deps, 'sessions'>,
  entries: readonly (DiscoveryEntry & { distanceKm: number })[],
  mine: ReadonlySet<string>,
  q: NearbyQuery,
  now: string,
): Promise<Page<DiscoveredEvent>> => {
  const offset = offsetOf(q);
  const ranked = entries
    .map((e) => {
      const matchedInterestIds = matchedInterests(e, mine);
      const score = scoreOf(e.distanceKm, q.radiusKm, matchedInterestIds.length, e.interestIds.length);
      return { ...e, matchedInterestIds, score };
    })
    .sort(byScore);
  const kept: DiscoveredEvent[] = [];
  for (const e of ranked) {
    if (kept.length > offset + q.limit) break;
    if (!e.startsAt && (q.from || q.to) && !(await sessionInRange(deps, e, q))) continue;
    if (q.freePlaces && !(await hasFreePlaces(deps, e, now))) continue;
    kept.push(e);
  }
  const items = kept.slice(offset, offset + q.limit);
  return { items, nextCursor: kept.length > offset + q.limit ? cursorAt(q, offset + q.limit) : null };
};

/**
 * Published public events near a point for a signed-in user, filtered by date, interest, price
 * and free places, ranked by distance and the caller's interests (ranking.ts).
 */
export const discoverEvents = async (
  deps: Pick<Deps, 'clock' | 'discovery' | 'sessions' | 'userInterests'>,
  principal: Principal,
  q: NearbyQuery,
): Promise<Page<DiscoveredEvent>> => {
  const now = deps.clock.now().toISOString();
  const [found, picked] = await Promise.all([
    entriesWithin(deps, q, q.radiusKm),
    deps.userInterests.get(principal.sub),
  ]);
  const matching = found.filter(
    (e) =>
      inWindow(e, q, now) &&
      (!q.interest || e.interestIds.includes(q.interest)) &&
      (q.maxPriceMinor === undefined || e.priceMinor <= q.maxPriceMinor),
  );
  return rankedPage(deps, matching, new Set(picked?.interestIds ?? []), q, now);
};
