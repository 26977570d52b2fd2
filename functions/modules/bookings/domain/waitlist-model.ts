import type { EventSettings } from '../../catalog/index.js';
import { type SessionForecast, waitlistEstimate } from '../../forecasts/index.js';
import type { TicketRequest } from '../../pricing/index.js';

/**
 * The waitlist of a full session. People (an attendee or a party) wait in a line ordered by
 * `position`; whenever places come free, the entries that fit get an offer: a held booking with a
 * deadline. An entry is `waiting`, then `offered`, then `accepted | declined | expired`; or it
 * leaves the line as `cancelled` (by its owner) or `removed` (by staff, or when the session closes).
 */

export type WaitlistStatus =
  | 'waiting'
  | 'offered'
  | 'accepted'
  | 'declined'
  | 'expired'
  | 'cancelled'
  | 'removed';

export interface WaitlistEntry {
  orgId: string;
  sessionId: string;
  eventId: string;
  entryId: string;
  /** Exactly one of attendeeId and partyId is set. */
  attendeeId: string | null;
  partyId: string | null;
  /** Places wanted: one offer holds exactly this many. */
  partySize: number;
  /** Events that sell ticket categories: the places of each the entry waits for (summing to `partySize`). */
  tickets: TicketRequest[];
  /**
   * Unique among the waiting entries of the session; a new entry takes one above every one
   * reserved before it, a moved entry one between its new neighbours. Only the order matters.
   */
  position: number;
  status: WaitlistStatus;
  /** How often an offer went to an entry behind this one (`fit` policy). */
  skips: number;
  /** While offered (and after): the held booking of the offer. */
  bookingId: string | null;
  /** The user who sees the entry under /v1/me/waitlist (like a booking's `userId`). */
  userId: string | null;
  /** The user who put the entry on the list (the owner, or staff for a walk-in). */
  addedBy: string;
  joinedAt: string;
  offeredAt: string | null;
  respondedAt: string | null;
  /** While offered: the offer's deadline (never past the session start). */
  expiresAt: string | null;
  updatedAt: string;
}

/** Entries that still hold a place in the line or an offer: one per attendee or party and session. */
export const isActiveEntry = (status: WaitlistStatus): boolean =>
  status === 'waiting' || status === 'offered';

/** One place in the waiting line, as the offer engine reads it (one consistent Query, in order). */
export interface WaitingSlot {
  entryId: string;
  position: number;
  partySize: number;
  /** The entry's ticket categories: an offer needs places left in each. */
  tickets: TicketRequest[];
  skips: number;
}

export interface WaitlistView extends WaitlistEntry {
  /** 1-based place among the entries still waiting; null when not waiting. */
  rank: number | null;
  estimatedWaitMinutes: number | null;
  /** The chance the entry gets a place, from the session's forecast; null without one or when not waiting. */
  chanceOfPlace: number | null;
  /** What the estimate comes from: the session's forecast, or offer periods when it has none. */
  estimateBasis: 'forecast' | 'offer-periods' | null;
}

/**
 * Without a forecast, a deliberately simple estimate: each entry ahead may hold the line for at
 * most one offer deadline before the next gets its turn, so the wait is bounded by (rank - 1)
 * offer periods once places come free.
 */
export const estimateWaitMinutes = (rank: number | null, settings: Pick<EventSettings, 'offerMinutes'>) =>
  rank === null ? null : (rank - 1) * settings.offerMinutes;

export const viewOf = (
  entry: WaitlistEntry,
  rank: number | null,
  settings: Pick<EventSettings, 'offerMinutes'>,
  forecast: SessionForecast | undefined,
): WaitlistView => {
  if (entry.status !== 'waiting' || rank === null)
    return { ...entry, rank: null, estimatedWaitMinutes: null, chanceOfPlace: null, estimateBasis: null };
  if (!forecast) {
    const estimatedWaitMinutes = estimateWaitMinutes(rank, settings);
    return { ...entry, rank, estimatedWaitMinutes, chanceOfPlace: null, estimateBasis: 'offer-periods' };
  }
  const estimate = waitlistEstimate(forecast, rank);
  return {
    ...entry,
    rank,
    estimatedWaitMinutes: Math.round(estimate.estimatedWaitMinutes),
    chanceOfPlace: Math.round(estimate.chanceOfPlace * 100) / 100,
    estimateBasis: 'forecast',
  };
};

/** An offer the engine plans: the slot offered, and the waiting slots ahead of it it passes over. */
export interface PlannedOffer {
  slot: WaitingSlot;
  skipped: WaitingSlot[];
}

/**
 * One offer transaction updates each skipped entry and its slot; this many keeps it, with the
 * booking's seats and records, inside DynamoDB's 100 items. Entries further back wait for the
 * next release.
 */
export const maxSkippedPerOffer = 30;

/**
 * Which waiting entries get an offer when `available` places are free (pure: the engine runs it
 * on what it read and lets the transactions' conditions settle races).
 * - `fifo`: only the head may be offered; it waits until its party fits, and nobody passes it.
 * - `fit`: each entry whose party fits what is left gets an offer; the entries passed over on the
 *   way count a skip, and an entry skipped `maxSkips` times blocks everyone behind it.
 *
 * An entry waiting for ticket categories (events that sell them) also needs places left in each:
 * `categoryLeft` has them per category under a quota. An entry whose categories have none is
 * passed over under either policy, without a skip: what it waits for is not what came free.
 */
export const planOffers = (
  line: readonly WaitingSlot[],
  available: number,
  settings: Pick<EventSettings, 'waitlistPolicy' | 'waitlistMaxSkips'>,
  categoryLeft: ReadonlyMap<string, number> = new Map(),
): PlannedOffer[] => {
  const offers: PlannedOffer[] = [];
  let left = available;
  const leftOf = new Map(categoryLeft);
  const categoriesFit = (slot: WaitingSlot) =>
    slot.tickets.every((t) => t.seats <= (leftOf.get(t.categoryId) ?? Number.POSITIVE_INFINITY));
  let passed: WaitingSlot[] = [];
  for (const slot of line) {
    if (left <= 0) break;
    if (!categoriesFit(slot)) continue;
    if (slot.partySize <= left) {
      offers.push({ slot, skipped: passed });
      passed = [];
      left -= slot.partySize;
      for (const t of slot.tickets) {
        const room = leftOf.get(t.categoryId);
        if (room !== undefined) leftOf.set(t.categoryId, room - t.seats);
      }
      continue;
    }
    if (settings.waitlistPolicy === 'fifo' || slot.skips >= settings.waitlistMaxSkips) break;
    if (passed.length >= maxSkippedPerOffer) break;
    passed = [...passed, slot];
  }
  return offers;
};

/** The offer's deadline: `offerMinutes` from now, but never past the session start. */
export const offerDeadline = (now: Date, settings: Pick<EventSettings, 'offerMinutes'>, startsAt: string) =>
  new Date(Math.min(now.getTime() + settings.offerMinutes * 60_000, Date.parse(startsAt))).toISOString();

/**
 * A position strictly between two waiting neighbours. Joining reserves whole numbers above every
 * earlier one, so a moved entry takes a value that no later join can take: half-way to its
 * neighbour, or after the last one, half-way to the next whole number.
 */
export const positionBetween = (before: number | undefined, after: number | undefined): number => {
  if (before === undefined && after === undefined) return 0.5;
  if (before === undefined) return (after as number) / 2;
  if (after === undefined) return (before + Math.floor(before) + 1) / 2;
  return (before + after) / 2;
};
