import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An organization's automation workflow. Staff edits are conditional on `version`; the run counter
 * (`consecutiveFailures`) is changed by runs alone, by updates of that field.
 * Conditions and actions are kept as JSON (validated by the contracts when written).
 *
 * Key templates:
 * - table: pk `${orgId}#automations`  sk `workflow#${workflowId}`
 */
export const automationWorkflowEntity = new Entity({
  model: { ...entityBase, entity: 'automationWorkflow' },
  attributes: {
    ...fixedStrings('orgId', 'workflowId', 'createdBy', 'createdAt'),
    name: { type: 'string', required: true },
    trigger: { type: 'string', required: true },
    conditions: { type: 'string', required: true },
    actions: { type: 'string', required: true },
    status: { type: ['active', 'paused'] as const, required: true },
    pausedReason: { type: ['failures', 'staff'] as const },
    consecutiveFailures: { type: 'number', required: true },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#automations'),
      sk: key('sk', ['workflowId'], 'workflow#${workflowId}'),
    },
  },
});
