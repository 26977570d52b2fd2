import type { CategoryCount, TicketCategory } from './category-model.js';
import type { PriceNow } from './ticket-choice.js';

export interface CategoryStore {
  /** Every category of the event, in `sortOrder` (then id) order; at most `maxCategoriesPerEvent`. */
  listByEvent(orgId: string, eventId: string): Promise<TicketCategory[]>;
  /** The cheapest ticket of the event anyone may choose at `at` (`cheapestOnSale`); none on sale: undefined. */
  cheapestOnSale(orgId: string, eventId: string, at: string): Promise<PriceNow | undefined>;
  get(orgId: string, eventId: string, categoryId: string): Promise<TicketCategory | undefined>;
  /** Puts a new category; false when the event already has the most it may. */
  create(category: TicketCategory): Promise<void>;
  /** Replaces `current` with `next` if it is still as read; CONFLICT otherwise. */
  replace(current: TicketCategory, next: TicketCategory): Promise<void>;
  remove(category: TicketCategory): Promise<void>;
  /** The session's category counters, by category id (strongly consistent). */
  countsOf(orgId: string, sessionId: string): Promise<Map<string, CategoryCount>>;
  /** Deletes the categories of an event (cascade); answers how many. */
  purgeEvent(orgId: string, eventId: string): Promise<number>;
  /** Deletes up to `limit` categories of the organization (its cascade delete); answers how many. */
  purgeOrg(orgId: string, limit: number): Promise<number>;
  /** Deletes the category counters of a session (cascade); answers how many. */
  purgeSession(orgId: string, sessionId: string): Promise<number>;
}
