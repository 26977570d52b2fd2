import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * What an ended session taught (a training row of the forecast model), written once by the first
 * nightly run after it ended. They outlive their session: the history is the organization's.
 *
 * Key template: pk `${orgId}#forecast#outcomes`  sk `${sessionId}`
 * Written a few at a time by the nightly run, read whole when the model is trained.
 */
export const sessionOutcomeEntity = new Entity({
  model: { ...entityBase, entity: 'sessionOutcome' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId'),
    /** The outcome as JSON (forecast-model.ts `SessionOutcome`). */
    outcome: { type: 'string', required: true },
    recordedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#forecast#outcomes'),
      sk: key('sk', ['sessionId'], '${sessionId}'),
    },
  },
});
