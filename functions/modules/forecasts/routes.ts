import { sessionParams } from '../../kernel/contracts/common.js';
import { reply, routeGroup } from '../../kernel/http/route-group.js';
import { sessionForecastSchema } from './contracts/forecasts.js';

/** Session forecasts written by the nightly run, for organizers; served by `catalog`. */
export const forecastRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Forecasts' }, [
  {
    operationId: 'getSessionForecast',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/forecast',
    summary:
      "The session's latest forecast (fill, no-shows, waitlist conversion and wait), each with an 80% interval, the model version and its basis",
    params: sessionParams,
    success: reply(200, 'The forecast', sessionForecastSchema),
    problems: [403, 404],
  },
]);
