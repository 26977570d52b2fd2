import type { Deps } from '../../../kernel/domain/deps.js';
import type { Event } from './model.js';
import type { EventFilter } from './ports.js';

/** Setting and taking back a deletion mark (what markDeletingUnlessLive is given). */
export interface DeletionMarks {
  mark: () => Promise<void>;
  unmark: () => Promise<void>;
}

/**
 * Marks a container (venue, organization) deleting, then each of its events. Bookings check their
 * event's version on their session's counter, not the container: marking an event tells its
 * counters, so once every event is marked no booking commits, and the second look at the counters
 * (markDeletingUnlessLive) sees any that committed before. The container first: from then on no
 * event is created in it, so the listing is complete. Taking back the marks takes back the events
 * this request marked (events already being deleted on their own keep theirs), then the container.
 */
export const withEventMarks = (
  deps: Pick<Deps, 'clock' | 'events'>,
  orgId: string,
  filter: EventFilter,
  container: DeletionMarks,
): DeletionMarks => {
  const marked: Event[] = [];
  const at = () => deps.clock.now().toISOString();
  const unmark = async () => {
    for (const event of marked.splice(0)) await deps.events.unmarkDeleting(event, at());
    await container.unmark();
  };
  const mark = async () => {
    await container.mark();
    try {
      let cursor: string | undefined;
      do {
        const page = await deps.events.list(orgId, filter, { limit: 100, cursor });
        for (const event of page.items.filter((e) => !e.deleting)) {
          await deps.events.markDeleting(event, at());
          marked.push(event);
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    } catch (err) {
      await unmark();
      throw err;
    }
  };
  return { mark, unmark };
};
