import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { TeamPlace } from './model.js';

export interface EventTeamStore {
  get(orgId: string, eventId: string, userId: string): Promise<TeamPlace | undefined>;
  list(orgId: string, eventId: string, page: PageRequest): Promise<Page<TeamPlace>>;
  put(place: TeamPlace): Promise<void>;
  /** Removes the place; false when there was none. */
  remove(orgId: string, eventId: string, userId: string): Promise<boolean>;
  /** Deletes up to `limit` places of the event's team; fewer means none is left. */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}
