import type { DiscoveryEntry } from './model.js';

/**
 * The score a search ranks by, lower first:
 *
 *   score = distanceKm / radiusKm - 0.5 * match
 *
 * where `match` is the share of the event's interests the caller has (0 when the event has none or
 * the caller shares none). Distance alone spans 0..1 over the search area; a full interest match is
 * worth half the radius, so a matching event a little further away ranks before a nearer one that
 * matches nothing. Ties: nearer first, then by event id (a stable order for the cursor).
 */
export const interestWeight = 0.5;

export const matchedInterests = (e: Pick<DiscoveryEntry, 'interestIds'>, mine: ReadonlySet<string>) =>
  e.interestIds.filter((id) => mine.has(id));

export const scoreOf = (distanceKm: number, radiusKm: number, matched: number, eventInterests: number) =>
  distanceKm / radiusKm - (eventInterests > 0 ? (interestWeight * matched) / eventInterests : 0);

export const byScore = (
  a: { score: number; distanceKm: number; eventId: string },
  b: { score: number; distanceKm: number; eventId: string },
) =>
  a.score - b.score ||
  a.distanceKm - b.distanceKm ||
  (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
