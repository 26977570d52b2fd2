import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * The latest forecast of an upcoming session (forecasts/domain/forecast-model.ts), rewritten by
 * each nightly run: one item per session, so a replayed run overwrites instead of adding.
 *
 * Key template: pk `${orgId}#session#${sessionId}#forecast`  sk `forecast`
 */
export const sessionForecastEntity = new Entity({
  model: { ...entityBase, entity: 'sessionForecast' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId'),
    /** The night whose run wrote it (YYYY-MM-DD). */
    night: { type: 'string', required: true },
    /** The forecast as JSON (figures with their intervals, the model version, its basis). */
    forecast: { type: 'string', required: true },
  },
  indexes: {
    bySession: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#forecast'),
      sk: key('sk', [], 'forecast'),
    },
  },
});
