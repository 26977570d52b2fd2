import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * One run of a workflow on one domain event. Its key is derived from the event (its time and the
 * run id, itself derived from the workflow and the event id): a conditional put claims the run, and
 * the same event delivered again finds it. The action results are kept as JSON.
 *
 * Key templates:
 * - table: pk `${orgId}#automation#${workflowId}`  sk `run#${occurredAt}#${runId}` (newest first: descending)
 */
export const automationRunEntity = new Entity({
  model: { ...entityBase, entity: 'automationRun' },
  attributes: {
    ...fixedStrings('orgId', 'workflowId', 'runId', 'eventId', 'eventType', 'occurredAt', 'startedAt'),
    status: { type: ['running', 'succeeded', 'failed', 'skipped'] as const, required: true },
    reason: { type: 'string' },
    results: { type: 'string', required: true },
    finishedAt: { type: 'string' },
  },
  indexes: {
    byWorkflow: {
      pk: key('pk', ['orgId', 'workflowId'], '${orgId}#automation#${workflowId}'),
      sk: key('sk', ['occurredAt', 'runId'], 'run#${occurredAt}#${runId}'),
    },
  },
});
