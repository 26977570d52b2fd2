import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An organization's forecast model as last trained (forecast-model.ts `ForecastModel`, bounded
 * in size), replaced by each nightly run.
 *
 * Key template: pk `${orgId}#forecast#model`  sk `model`
 */
export const forecastModelEntity = new Entity({
  model: { ...entityBase, entity: 'forecastModel' },
  attributes: {
    ...fixedStrings('orgId'),
    night: { type: 'string', required: true },
    /** Ended sessions it was trained on. */
    sessions: { type: 'number', required: true },
    model: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#forecast#model'),
      sk: key('sk', [], 'model'),
    },
  },
});
