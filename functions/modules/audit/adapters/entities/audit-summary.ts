import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An organization's changes of one day, counted by kind and by actor (audit/domain/audit-summary.ts):
 * written by the nightly run that follows the day, whole (a replayed run writes the same item).
 *
 * Key template: pk `${orgId}#audit#summaries`  sk `${day}`
 */
export const auditSummaryEntity = new Entity({
  model: { ...entityBase, entity: 'auditSummary' },
  attributes: {
    ...fixedStrings('orgId', 'day'),
    total: { type: 'number', required: true },
    /** `{ kind: count }`, `{ actor: count }`, `{ actor: { kind: count } }` as JSON: kinds and actors are open-ended. */
    byKind: { type: 'string', required: true },
    byActor: { type: 'string', required: true },
    byActorAndKind: { type: 'string', required: true },
    generatedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#audit#summaries'),
      sk: key('sk', ['day'], '${day}'),
    },
  },
});
