import type { EntityItem } from 'electrodb';
import type { DeletionStore } from '../../../kernel/domain/deps.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import type { Deletion } from '../domain/model.js';
import type { deletionEntity } from './entities/deletion.js';

const toDeletion = fromStored<Deletion, EntityItem<typeof deletionEntity>>({
  nullable: { completedAt: true },
  itemOnly: {},
});

export const dynamoDeletionStore = (service: EventlyService): DeletionStore => {
  const { deletion } = service.entities;

  const get = async (orgId: string, targetId: string) => {
    const { data } = await deletion.get({ orgId, targetId }).go({ consistent: true });
    return data ? toDeletion(data) : undefined;
  };

  return {
    get,

    async createIfAbsent(d) {
      try {
        await deletion.create(toStored(d)).go();
        return d;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const existing = await get(d.orgId, d.targetId);
        if (!existing) throw err;
        return existing;
      }
    },

    async progress(orgId, targetId, deletedItems, completedAt) {
      await deletion
        .patch({ orgId, targetId })
        .add({ deletedItems })
        .set(completedAt ? { status: 'completed', completedAt } : {})
        .go();
    },

    async purgeOrg(orgId, limit) {
      const { data } = await deletion.query.byOrg({ orgId }).go({ limit });
      if (data.length > 0) await deletion.delete(data.map((d) => ({ orgId, targetId: d.targetId }))).go();
      return data.length;
    },
  };
};
