import type { EntityItem } from 'electrodb';
import type { DeletionStore } from '../../../kernel/domain/deps.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import type { Deletion } from '../domain/model.js';
import type { deletionEntity } from './entities/deletion.js';

const toDeletion = ({ completedAt, ...rest }: EntityItem<typeof deletionEntity>): Deletion => ({
  ...rest,
  completedAt: completedAt ?? null,
});

export const dynamoDeletionStore = (service: EventlyService): DeletionStore => {
  const { deletion } = service.entities;

  const get = async (orgId: string, targetId: string) => {
    const { data } = await deletion.get({ orgId, targetId }).go({ consistent: true });
    return data ? toDeletion(data) : undefined;
  };

  return {
    get,

    async createIfAbsent({ completedAt, ...item }) {
      try {
        await deletion.create({ ...item, ...(completedAt ? { completedAt } : {}) }).go();
        return { ...item, completedAt };
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const existing = await get(item.orgId, item.targetId);
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
