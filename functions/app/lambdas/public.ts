import { routeFunction } from '../../kernel/http/route-function.js';
import { ok } from '../../kernel/http/route-types.js';
import { systemRoutes } from '../system-routes.js';

/** The routes this function serves: its entries of the manifest (app/routes.ts). */
export const routes = systemRoutes;

/**
 * Lambda for routes without a tenant: health and the OpenAPI document. It also serves API
 * Gateway's `$default` route, which matches no manifest entry and so gets the problem+json 404.
 */
export const handler = routeFunction(
  'public',
  routes,
  {
    getHealth: async () => ok({ status: 'ok' }),
    // Loaded on the first request for it: health checks do not pay for every route's schemas.
    getOpenApi: async () => ok((await import('../openapi.js')).openApiDocument()),
  },
  { maxBodyBytes: () => 64 * 1024 },
);
