import { CustomAttributeType, Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import type { AgentTool } from '../../domain/model.js';

/**
 * An organization's agent configuration. Every edit is conditional on `version`.
 *
 * Key templates:
 * - table: pk `${orgId}#agents`  sk `agent#${agentId}`
 */
export const agentEntity = new Entity({
  model: { ...entityBase, entity: 'agent' },
  attributes: {
    ...fixedStrings('orgId', 'agentId', 'createdBy', 'createdAt'),
    name: { type: 'string', required: true },
    purpose: {
      type: ['announcement_drafting', 'marketing_copy', 'event_assistant'] as const,
      required: true,
    },
    instructions: { type: 'string', required: true },
    tools: {
      type: 'list',
      required: true,
      items: { type: CustomAttributeType<AgentTool>('string') },
    },
    status: { type: ['active', 'paused'] as const, required: true },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#agents'),
      sk: key('sk', ['agentId'], 'agent#${agentId}'),
    },
  },
});
