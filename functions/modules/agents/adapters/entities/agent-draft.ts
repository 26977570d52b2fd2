import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A draft an agent wrote, with its conversation (the prompt and the reply) in the same item. An
 * agent's drafts share one partition (its list); an event's are found through gsi2 (its cascade).
 * Status changes are conditional on the status read.
 *
 * Key templates:
 * - table: pk `${orgId}#agent#${agentId}#drafts`  sk `draft#${draftId}`
 * - gsi2: pk `${orgId}#agent-drafts#event#${eventId}`  sk `draft#${draftId}`
 */
export const agentDraftEntity = new Entity({
  model: { ...entityBase, entity: 'agentDraft' },
  attributes: {
    ...fixedStrings('orgId', 'agentId', 'draftId', 'eventId', 'createdBy', 'createdAt'),
    kind: { type: ['announcement', 'marketing_copy'] as const, required: true },
    prompt: { type: 'string', required: true },
    outputTitle: { type: 'string', required: true },
    outputBody: { type: 'string', required: true },
    provider: { type: ['template', 'external'] as const, required: true },
    conversation: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          role: { type: ['user', 'agent'] as const, required: true },
          content: { type: 'string', required: true },
          at: { type: 'string', required: true },
        },
      },
    },
    status: { type: ['draft', 'approved', 'rejected', 'published'] as const, required: true },
    decidedBy: { type: 'string' },
    decidedAt: { type: 'string' },
    publishedAt: { type: 'string' },
    announcementId: { type: 'string' },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byAgent: {
      pk: key('pk', ['orgId', 'agentId'], '${orgId}#agent#${agentId}#drafts'),
      sk: key('sk', ['draftId'], 'draft#${draftId}'),
    },
    byEvent: {
      index: 'gsi2',
      pk: key('gsi2pk', ['orgId', 'eventId'], '${orgId}#agent-drafts#event#${eventId}'),
      sk: key('gsi2sk', ['draftId'], 'draft#${draftId}'),
    },
  },
});
