import type { Deps } from '../../../kernel/domain/deps.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { inWindow } from './filters.js';
import type { LatLng } from './geo-distance.js';
import { liveResult } from './live-checks.js';
import { type DiscoveredEvent, forYouRadiusKm, type RankedEntry } from './model.js';
import { byScore, scoreOf } from './ranking.js';
import { entriesWithin } from './search.js';

/** The bookings (newest first) and booked events read to learn what the caller likes. */
const bookingsRead = 100;
const bookedEventsRead = 20;

/**
 * "For you": published public events within `forYouRadiusKm` of the point that share an interest
 * with the caller's picks or the booked events' interests, or a tag with the booked events' tags;
 * events the caller holds a live booking of are left out, and so are events over (an undated one:
 * all its sessions over). Ranked as a search is (ranking.ts), the
 * match counting interests and tags together.
 */
export const eventsForYou = async (
  deps: Pick<
    Deps,
    'bookings' | 'categories' | 'clock' | 'discovery' | 'events' | 'sessions' | 'userInterests'
  >,
  principal: Principal,
  at: LatLng,
  limit: number,
): Promise<DiscoveredEvent[]> => {
  const now = deps.clock.now().toISOString();
  const [picked, { items: bookings }] = await Promise.all([
    deps.userInterests.get(principal.sub),
    deps.bookings.listByUser(principal.sub, { limit: bookingsRead }),
  ]);
  const booked = new Set(
    bookings
      .filter((b) => b.status === 'held' || b.status === 'confirmed')
      .map((b) => `${b.orgId}/${b.eventId}`),
  );
  const bookedEvents = [...new Map(bookings.map((b) => [`${b.orgId}/${b.eventId}`, b])).values()].slice(
    0,
    bookedEventsRead,
  );
  const events = await Promise.all(bookedEvents.map((b) => deps.events.get(b.orgId, b.eventId)));
  const interests = new Set([...(picked?.interestIds ?? []), ...events.flatMap((e) => e?.interestIds ?? [])]);
  const tags = new Set(events.flatMap((e) => e?.tags ?? []));
  const found = await entriesWithin(deps, at, forYouRadiusKm);
  const ranked: RankedEntry[] = found
    .filter((e) => !booked.has(`${e.orgId}/${e.eventId}`) && inWindow(e, {}, now))
    .flatMap((e) => {
      const matchedInterestIds = e.interestIds.filter((id) => interests.has(id));
      const matched = matchedInterestIds.length + e.tags.filter((t) => tags.has(t)).length;
      if (matched === 0) return [];
      const score = scoreOf(e.distanceKm, forYouRadiusKm, matched, e.interestIds.length + e.tags.length);
      return [{ ...e, matchedInterestIds, score }];
    })
    .sort(byScore);
  // Prices and undated events' sessions are read live, in rank order, as far as `limit` needs.
  const kept: DiscoveredEvent[] = [];
  for (const e of ranked) {
    if (kept.length >= limit) break;
    const result = await liveResult(deps, e, {}, now);
    if (result) kept.push(result);
  }
  return kept;
};
