import type { EntityItem } from 'electrodb';
import { type TeamPermission, teamPermissions } from '../../../kernel/domain/permissions.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { TeamPlace } from '../domain/model.js';
import type { EventTeamStore } from '../domain/ports.js';
import type { teamPlaceEntity } from './entities/team-place.js';

type TeamPlaceItem = EntityItem<typeof teamPlaceEntity>;

const isTeamPermission = (p: string): p is TeamPermission =>
  (teamPermissions as readonly string[]).includes(p);

/** A stored place as the domain has it (the door's batched read parses it too). */
export const toTeamPlace = ({ permissions, ...item }: TeamPlaceItem): TeamPlace => ({
  ...item,
  permissions: permissions.filter(isTeamPermission),
});

export const dynamoTeamStore = (service: EventlyService): EventTeamStore => {
  const { teamPlace } = service.entities;
  return {
    async get(orgId, eventId, userId) {
      const { data } = await teamPlace.get({ orgId, eventId, userId }).go({ consistent: true });
      return data ? toTeamPlace(data) : undefined;
    },

    list: (orgId, eventId, page) =>
      queryPage(
        `team:${orgId}:${eventId}`,
        page,
        (opts) => teamPlace.query.byEvent({ orgId, eventId }).go(opts),
        toTeamPlace,
      ),

    async put(place) {
      await teamPlace.put(place).go();
    },

    async remove(orgId, eventId, userId) {
      const { data } = await teamPlace.delete({ orgId, eventId, userId }).go({ response: 'all_old' });
      return data !== null && data !== undefined;
    },

    async purgeEvent(orgId, eventId, limit) {
      const { data } = await teamPlace.query
        .byEvent({ orgId, eventId })
        .go({ limit, attributes: ['orgId', 'eventId', 'userId'] });
      if (data.length > 0) await teamPlace.delete(data).go();
      return data.length;
    },
  };
};
