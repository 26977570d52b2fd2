import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { TaskTemplateStore } from '../domain/ports.js';
import { storedTemplate, toTemplate } from './task-items.js';

export const dynamoTaskTemplateStore = (service: EventlyService): TaskTemplateStore => {
  const { taskTemplate } = service.entities;
  return {
    async create(t) {
      await taskTemplate.create(storedTemplate(t)).go();
    },

    async get(orgId, templateId) {
      const { data } = await taskTemplate.get({ orgId, templateId }).go({ consistent: true });
      return data ? toTemplate(data) : undefined;
    },

    list: (orgId, page) =>
      queryPage(
        `taskTemplates:${orgId}`,
        page,
        (opts) => taskTemplate.query.byOrg({ orgId }).go(opts),
        toTemplate,
      ),

    // A whole put, only over the version that was read.
    save: (before, after) =>
      unlessConditionFails(
        taskTemplate
          .put(storedTemplate(after))
          .where(({ version }, { eq }) => eq(version, before.version))
          .go(),
      ),

    remove: (orgId, templateId) =>
      unlessConditionFails(
        taskTemplate
          .delete({ orgId, templateId })
          .where(({ templateId: id }, { exists }) => exists(id))
          .go(),
      ),

    async purgeOrg(orgId, limit) {
      const { data } = await taskTemplate.query
        .byOrg({ orgId })
        .go({ limit, attributes: ['orgId', 'templateId'] });
      if (data.length > 0) await taskTemplate.delete(data).go();
      return data.length;
    },
  };
};
