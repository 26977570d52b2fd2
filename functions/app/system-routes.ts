import * as z from '../kernel/contracts/zod.js';
import { reply, routeGroup } from '../kernel/http/route-group.js';

const healthSchema = z.object({ status: z.literal('ok') }).openapi('Health');

/** Routes without a tenant, served by the `public` function. */
export const systemRoutes = routeGroup(
  {
    function: 'public',
    auth: 'none',
    tag: 'System',
    publicBecause:
      'A system route: the health check or the OpenAPI document, the same for every caller; it reads ' +
      'nothing from the table.',
  },
  [
    {
      operationId: 'getHealth',
      method: 'GET',
      path: '/health',
      summary: 'Liveness check',
      success: reply(200, 'The API is up', healthSchema),
      problems: [],
    },
    {
      operationId: 'getOpenApi',
      method: 'GET',
      path: '/openapi.json',
      summary: 'This OpenAPI 3.1 document',
      success: reply(200, 'OpenAPI 3.1 document'),
      problems: [],
    },
  ],
);
