import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * One organization's nightly run for one night (nightly/domain/nightly-org.ts): the step it is at
 * (each message names the step it runs; only the run at that step does it), where the walk over
 * the sessions stands, and how many chunks were sent and finished. Removed by DynamoDB's TTL.
 *
 * Key template: pk `${orgId}#nightly`  sk `run#${night}`
 */
export const nightlyRunEntity = new Entity({
  model: { ...entityBase, entity: 'nightlyRun' },
  attributes: {
    ...fixedStrings('orgId', 'night', 'startedAt'),
    step: { type: 'number', required: true },
    phase: { type: ['walking', 'done'] as const, required: true },
    /** Where the walk over the organization's sessions goes on (a list cursor); absent at its start. */
    cursor: { type: 'string' },
    /** The walk has listed every session. */
    walked: { type: 'boolean', required: true },
    sessions: { type: 'number', required: true },
    chunksSent: { type: 'number', required: true },
    chunksDone: { type: 'number', required: true },
    /** Ended sessions the model was trained on this night. */
    trainedOn: { type: 'number', required: true },
    finishedAt: { type: 'string' },
    /** The night's totals as JSON, once done. */
    totals: { type: 'string' },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#nightly'),
      sk: key('sk', ['night'], 'run#${night}'),
    },
  },
});
