import type { Page, PageRequest } from '../../../kernel/domain/types.js';

/**
 * Check-in lists: the sessions one set of scanners admits and the door rules they keep, instead
 * of the event's settings. A scan that names a list admits only tickets of the list's sessions,
 * within `opensMinutesBefore` the start and `closesMinutesAfter` the end of the ticket's session.
 *
 * Ticket categories do not exist yet. When they come, a list will also name the categories it
 * admits; until then a list admits every ticket of its sessions.
 */
export interface CheckinList {
  orgId: string;
  listId: string;
  name: string;
  sessionIds: string[];
  /** Whether someone who went out may come in again. */
  reentry: boolean;
  opensMinutesBefore: number;
  /** Minutes after the session ends. */
  closesMinutesAfter: number;
  /** The store's concurrency guard. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CheckinListStore {
  create(list: CheckinList): Promise<void>;
  get(orgId: string, listId: string): Promise<CheckinList | undefined>;
  list(orgId: string, page: PageRequest): Promise<Page<CheckinList>>;
  /** Writes `after` if the list is still at `before.version`; false when it changed or went meanwhile. */
  save(before: CheckinList, after: CheckinList): Promise<boolean>;
  /** Deletes the list if it is still at `list.version`; false when it changed or went meanwhile. */
  remove(list: CheckinList): Promise<boolean>;
}
