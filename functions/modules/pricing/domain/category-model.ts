import type { PriceStep } from './price-steps.js';

/**
 * Ticket categories: what an event sells (early bird, standard, VIP, student), each with its own
 * price, its quota of each session's places, its sale window and who may see it. An event with no
 * category sells one kind of place at the event's price, as before categories existed.
 */

export type { PriceStep };

export type CategoryVisibility = 'public' | 'hidden';

export interface TicketCategory {
  orgId: string;
  eventId: string;
  categoryId: string;
  name: string;
  description: string | null;
  /** Minor units of `currency`; 0 is a free category. */
  priceMinor: number;
  currency: string;
  /** Places of each session this category may take (inside the session's capacity); null: no own limit. */
  quota: number | null;
  salesStartAt: string | null;
  salesEndAt: string | null;
  /** `hidden`: sold only to holders of an invite that unlocks it. */
  visibility: CategoryVisibility;
  minPerOrder: number;
  maxPerOrder: number;
  priceSteps: PriceStep[];
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
}

/** The most categories one event may have: a booking's context reads them all in one query. */
export const maxCategoriesPerEvent = 20;

/** The places of one category a session has handed out, as its counter item holds them. */
export interface CategoryCount {
  categoryId: string;
  /** Places of live bookings (held and confirmed). */
  taken: number;
  /** The quota this counter was last set to (-1: none); `left = quota - taken` when one is set. */
  quota: number;
  left: number;
}

/** The quota as a counter stores it: a number, -1 for none. */
export const storedQuota = (quota: number | null): number => quota ?? -1;

/**
 * The places left in each category under a quota, as a session's counters were read: the
 * category's quota (a lowered one applies at once here) less what is taken, never below 0.
 * Categories without a quota are absent: only the session's capacity bounds them.
 */
export const categoryRoom = (
  categories: readonly TicketCategory[],
  counts: ReadonlyMap<string, CategoryCount>,
): Map<string, number> =>
  new Map(
    categories
      .filter((c) => c.quota !== null)
      .map((c) => [c.categoryId, Math.max(0, (c.quota ?? 0) - (counts.get(c.categoryId)?.taken ?? 0))]),
  );
