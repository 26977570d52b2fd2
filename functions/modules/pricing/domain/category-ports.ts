import type { CategoryCount, TicketCategory } from './category-model.js';
import type { PriceNow } from './ticket-choice.js';

export interface CategoryStore {
  /** Every category of the event, in `sortOrder` (then id) order; at most `maxCategoriesPerEvent`. */
  listByEvent(orgId: string, eventId: string): Promise<TicketCategory[]>;
  /** The cheapest ticket of the event anyone may choose at `at` (`cheapestOnSale`); none on sale: undefined. */
  cheapestOnSale(orgId: string, eventId: string, at: string): Promise<PriceNow | undefined>;
  get(orgId: string, eventId: string, categoryId: string): Promise<TicketCategory | undefined>;
  /**
   * The version of the event's set of categories (0: none written yet). Read before the
   * categories a change is checked against: a create or replace commits only while it is
   * unchanged, and moves it on, so two changes checked against the same categories cannot both
   * land.
   */
  setVersion(orgId: string, eventId: string): Promise<number>;
  /**
   * Puts a new category if the set is still at `setVersion`: false when it moved on (read again);
   * EVENT_DELETING (or NOT_FOUND) when the event is being deleted.
   */
  create(category: TicketCategory, setVersion: number): Promise<boolean>;
  /**
   * Replaces `current` with `next` if the set is still at `setVersion` (false otherwise) and the
   * category is still as read (CONFLICT otherwise).
   */
  replace(current: TicketCategory, next: TicketCategory, setVersion: number): Promise<boolean>;
  remove(category: TicketCategory): Promise<void>;
  /** The session's category counters, by category id (strongly consistent). */
  countsOf(orgId: string, sessionId: string): Promise<Map<string, CategoryCount>>;
  /** Deletes the categories of an event (cascade); answers how many. */
  purgeEvent(orgId: string, eventId: string): Promise<number>;
  /**
   * Deletes up to `limit` categories of the organization, then its events' set versions (its
   * cascade delete); answers how many.
   */
  purgeOrg(orgId: string, limit: number): Promise<number>;
  /** Deletes the category counters of a session (cascade); answers how many. */
  purgeSession(orgId: string, sessionId: string): Promise<number>;
}
