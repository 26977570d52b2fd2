import type { BudgetLine } from './model.js';

/** An event's budget lines (one partition per event, one item per category). */
export interface BudgetStore {
  /** Puts the line of its category (replacing one there) while the event is not being deleted. */
  put(line: BudgetLine): Promise<void>;
  /** Every line of the event (at most one per category). */
  list(orgId: string, eventId: string): Promise<BudgetLine[]>;
  get(orgId: string, eventId: string, category: BudgetLine['category']): Promise<BudgetLine | undefined>;
  remove(orgId: string, eventId: string, category: BudgetLine['category']): Promise<void>;
  /** Deletes up to `limit` lines of the event; fewer means none is left. */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}
