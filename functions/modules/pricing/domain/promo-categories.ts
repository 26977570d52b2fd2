import type { PromoCategoryCheck } from './promo-ports.js';

/** What the check reads of the categories' store (CategoryStore.listByEvent). */
export interface EventCategories {
  listByEvent(orgId: string, eventId: string): Promise<ReadonlyArray<{ categoryId: string }>>;
}

/** The check over the event's ticket categories: the ids that are none of them. */
export const categoryCheckOver = (categories: EventCategories): PromoCategoryCheck => ({
  async unknownIds(orgId, eventId, categoryIds) {
    const known = new Set((await categories.listByEvent(orgId, eventId)).map((c) => c.categoryId));
    return categoryIds.filter((id) => !known.has(id));
  },
});
