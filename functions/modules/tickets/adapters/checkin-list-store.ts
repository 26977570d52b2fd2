import type { EntityItem } from 'electrodb';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { CheckinList, CheckinListStore } from '../domain/checkin-list-ports.js';
import type { checkinListEntity } from './entities/checkin-list.js';

const toList = fromStored<CheckinList, EntityItem<typeof checkinListEntity>>({ nullable: {}, itemOnly: {} });

export const dynamoCheckinListStore = (service: EventlyService): CheckinListStore => {
  const { checkinList } = service.entities;
  return {
    async create(list) {
      await checkinList.create(toStored(list)).go();
    },

    async get(orgId, listId) {
      const { data } = await checkinList.get({ orgId, listId }).go({ consistent: true });
      return data ? toList(data) : undefined;
    },

    list: (orgId, page) =>
      queryPage(
        `checkin-lists:${orgId}`,
        page,
        (opts) => checkinList.query.byOrg({ orgId }).go(opts),
        toList,
      ),

    save: (before, after) =>
      unlessConditionFails(
        checkinList
          .put(toStored(after))
          .where(({ version }, { eq }) => eq(version, before.version))
          .go(),
      ),

    remove: (list) =>
      unlessConditionFails(
        checkinList
          .delete({ orgId: list.orgId, listId: list.listId })
          .where(({ version }, { eq }) => eq(version, list.version))
          .go(),
      ),
  };
};
