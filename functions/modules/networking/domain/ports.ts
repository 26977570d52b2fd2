import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Connection, ConnectionStatus } from './model.js';

export interface ConnectionStore {
  /**
   * Writes the connection (conditional: the pair has none) and each side's entry, in one
   * transaction; false when the pair has a connection already.
   */
  create(connection: Connection): Promise<boolean>;
  get(orgId: string, eventId: string, connectionId: string): Promise<Connection | undefined>;
  /**
   * Replaces `current` by `next` (and both sides' entries) if its status and `updatedAt` are still
   * `current`'s; false when it moved.
   */
  replace(current: Connection, next: Connection): Promise<boolean>;
  /** One attendee's connections of an event, optionally of one status, newest id order. */
  listOf(
    orgId: string,
    eventId: string,
    attendeeId: string,
    status: ConnectionStatus | undefined,
    page: PageRequest,
  ): Promise<Page<Connection>>;
  /** Every connection of an event, optionally of one status, in id order (staff). */
  listByEvent(
    orgId: string,
    eventId: string,
    status: ConnectionStatus | undefined,
    page: PageRequest,
  ): Promise<Page<Connection>>;
  /** Deletes up to `limit` connections of the event with their side entries (cascade deletes); fewer means none are left. */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}
