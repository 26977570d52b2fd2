import { routeFunction } from '../../kernel/http/route-function.js';
import { ok } from '../../kernel/http/route-types.js';
import { openApiDocument } from '../openapi.js';

/**
 * Lambda for routes without a tenant: health and the OpenAPI document. It also serves API
 * Gateway's `$default` route, which matches no manifest entry and so gets the problem+json 404.
 */
export const handler = routeFunction(
  'public',
  {
    getHealth: async () => ok({ status: 'ok' }),
    getOpenApi: async () => ok(openApiDocument()),
  },
  { maxBodyBytes: () => 64 * 1024 },
);
