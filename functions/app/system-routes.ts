import * as z from '../kernel/contracts/zod.js';
import type { RouteDefinition } from '../kernel/http/route-definition.js';

/** Routes without a tenant, served by the `public` function. */
export const systemRoutes = [
  {
    operationId: 'getHealth',
    method: 'GET',
    path: '/health',
    function: 'public',
    auth: 'none',
    summary: 'Liveness check',
    tag: 'System',
    success: {
      status: 200,
      description: 'The API is up',
      schema: z.object({ status: z.literal('ok') }).openapi('Health'),
    },
    problems: [],
  },
  {
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    function: 'public',
    auth: 'none',
    summary: 'This OpenAPI 3.1 document',
    tag: 'System',
    success: { status: 200, description: 'OpenAPI 3.1 document' },
    problems: [],
  },
] as const satisfies readonly RouteDefinition[];
