import type { Deps } from '../../../kernel/domain/deps.js';
import { validationFailed } from '../../../kernel/domain/errors.js';
import type { Page, Principal } from '../../../kernel/domain/types.js';
import { filtersPrice, inWindow, priceFilterIssues, priceMatches, type SearchFilter } from './filters.js';
import { coveringCells } from './geo-cover.js';
import { haversineKm, type LatLng } from './geo-distance.js';
import { liveResult } from './live-checks.js';
import type { DiscoveredEvent, DiscoveryEntry, RankedEntry } from './model.js';
import { byScore, matchedInterests, scoreOf } from './ranking.js';

export interface NearbyQuery extends LatLng, SearchFilter {
  radiusKm: number;
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

/** The page cursor: the offset into the ranked results of the same query. */
const listOf = (q: NearbyQuery) =>
  [q.lat, q.lng, q.radiusKm, q.from, q.to, q.interest, q.maxPriceMinor, q.currency, q.freePlaces].join('|');
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
 * live (liveResult: categories' prices, undated events' sessions, free places) run in rank order,
 * only as far as the page needs.
 */
export const rankedPage = async (
  deps: Pick<Deps, 'categories' | 'sessions'>,
  entries: readonly (DiscoveryEntry & { distanceKm: number })[],
  mine: ReadonlySet<string>,
  q: NearbyQuery,
  now: string,
): Promise<Page<DiscoveredEvent>> => {
  const offset = offsetOf(q);
  const ranked: RankedEntry[] = entries
    .map((e) => {
      const matchedInterestIds = matchedInterests(e, mine);
      const score = scoreOf(e.distanceKm, q.radiusKm, matchedInterestIds.length, e.interestIds.length);
      return { ...e, matchedInterestIds, score };
    })
    .sort(byScore);
  const kept: DiscoveredEvent[] = [];
  for (const e of ranked) {
    if (kept.length > offset + q.limit) break;
    const result = await liveResult(deps, e, q, now);
    if (result) kept.push(result);
  }
  const items = kept.slice(offset, offset + q.limit);
  return { items, nextCursor: kept.length > offset + q.limit ? cursorAt(q, offset + q.limit) : null };
};

/** An event selling no categories is priced by its entry: the price filter needs no read for it. */
const ownPriceMatches = (e: DiscoveryEntry, q: NearbyQuery) =>
  e.categoryCount !== 0 || priceMatches({ priceMinor: e.priceMinor, currency: e.currency, onSale: true }, q);

/**
 * Published public events near a point for a signed-in user, filtered by date, interest, price
 * and free places, ranked by distance and the caller's interests (ranking.ts).
 */
export const discoverEvents = async (
  deps: Pick<Deps, 'categories' | 'clock' | 'discovery' | 'sessions' | 'userInterests'>,
  principal: Principal,
  q: NearbyQuery,
): Promise<Page<DiscoveredEvent>> => {
  const issues = priceFilterIssues(q);
  if (issues.length > 0) throw validationFailed(issues);
  const now = deps.clock.now().toISOString();
  const [found, picked] = await Promise.all([
    entriesWithin(deps, q, q.radiusKm),
    deps.userInterests.get(principal.sub),
  ]);
  const matching = found.filter(
    (e) =>
      inWindow(e, q, now) &&
      (!q.interest || e.interestIds.includes(q.interest)) &&
      (!filtersPrice(q) || ownPriceMatches(e, q)),
  );
  return rankedPage(deps, matching, new Set(picked?.interestIds ?? []), q, now);
};
