import type { EntityItem } from 'electrodb';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { Material } from '../domain/model.js';
import type { MaterialStore } from '../domain/ports.js';
import type { materialEntity } from './entities/material.js';

type MaterialItem = EntityItem<typeof materialEntity>;

const toMaterial = fromStored<Material, MaterialItem>({
  nullable: {
    sessionId: true,
    description: true,
    language: true,
    url: true,
    fileKey: true,
    contentType: true,
    sizeBytes: true,
    fileFormat: true,
  },
  itemOnly: {},
});

export const dynamoMaterialStore = (service: EventlyService): MaterialStore => {
  const { material } = service.entities;
  return {
    async create(m) {
      await material.create(toStored(m)).go();
    },

    async get(orgId, eventId, materialId) {
      const { data } = await material.get({ orgId, eventId, materialId }).go({ consistent: true });
      return data ? toMaterial(data) : undefined;
    },

    list: (orgId, eventId, page) =>
      queryPage(
        `materials:${orgId}:${eventId}`,
        page,
        (opts) => material.query.byEvent({ orgId, eventId }).go(opts),
        toMaterial,
      ),

    async listAll(orgId, eventId) {
      const { data } = await material.query.byEvent({ orgId, eventId }).go({ pages: 'all' });
      return data.map(toMaterial);
    },

    markAvailable: (orgId, eventId, materialId, at) =>
      unlessConditionFails(
        material
          .patch({ orgId, eventId, materialId })
          .set({ status: 'available', updatedAt: at })
          .where(({ status }, { eq }) => eq(status, 'pending_upload'))
          .go(),
      ),

    // An atomic ADD: concurrent downloads all count. Only while the material is there.
    async countDownload(orgId, eventId, materialId) {
      await unlessConditionFails(
        material.patch({ orgId, eventId, materialId }).add({ downloadCount: 1 }).go(),
      );
    },

    async remove(orgId, eventId, materialId) {
      await material.delete({ orgId, eventId, materialId }).go();
    },

    async purgeEvent(orgId, eventId, limit) {
      const { data } = await material.query
        .byEvent({ orgId, eventId })
        .go({ limit, attributes: ['orgId', 'eventId', 'materialId'] });
      if (data.length > 0) await material.delete(data).go();
      return data.length;
    },
  };
};
