import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { taskPriorities } from '../../domain/model.js';

/**
 * An organization's task template with its specs. Every write is conditional on `version`.
 *
 * Key templates:
 * - table: pk `${orgId}#taskTemplates`  sk `template#${templateId}`
 */
export const taskTemplateEntity = new Entity({
  model: { ...entityBase, entity: 'taskTemplate' },
  attributes: {
    ...fixedStrings('orgId', 'templateId', 'createdBy', 'createdAt'),
    name: { type: 'string', required: true },
    description: { type: 'string' },
    specs: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          key: { type: 'string', required: true },
          title: { type: 'string', required: true },
          description: { type: 'string' },
          priority: { type: taskPriorities, required: true },
          offsetDays: { type: 'number', required: true },
          timeOfDay: { type: 'string', required: true },
          dependsOn: { type: 'list', items: { type: 'string' }, required: true },
        },
      },
    },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#taskTemplates'),
      sk: key('sk', ['templateId'], 'template#${templateId}'),
    },
  },
});
