import { getContainer } from '../../../app/container.js';
import { ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { readSessionForecast } from '../domain/forecast-read.js';

export const forecastHandlers = {
  getSessionForecast: async ({ principal, params }) =>
    ok(await readSessionForecast(getContainer().deps, principal, params)),
} satisfies Partial<RouteHandlers<'catalog'>>;
