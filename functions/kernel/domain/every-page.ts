import type { Page, PageRequest } from './types.js';

/** Largest page of the listings read whole. */
const pageSize = 100;

/** Every item of a paged listing, page after page (for reads whose lists are bounded: an event's). */
export const everyPage = async <T>(read: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> => {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: pageSize, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
};
