import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { problemSchema } from '../kernel/contracts/common.js';
import * as z from '../kernel/contracts/zod.js';
import { type RouteDefinition, routes } from './routes.js';

const idempotencyHeader = z.object({
  'Idempotency-Key': z.string().max(255).optional().openapi({
    description: 'Retries with the same key return the first response and change nothing more',
  }),
});

/** Every route may answer these; 503 is a collision or throttle that outlasted its retries. */
const problemStatuses = [400, 401, 413, 415, 422, 500, 503];

const problemContent = { 'application/problem+json': { schema: problemSchema } };

const describe = (status: number): string =>
  ({
    400: 'Malformed JSON',
    401: 'Missing or invalid bearer token',
    403: 'Your role does not allow this',
    404: 'Not found (or not visible to you)',
    409: 'Conflict with the current state',
    410: 'Gone (expired or revoked)',
    413: 'Body too large',
    415: 'Body is not application/json',
    422: 'Validation failed: see `errors` for each field',
    500: 'Unexpected error',
    503: 'Busy: retry after the Retry-After seconds',
  })[status] ?? 'Error';

const register = (registry: OpenAPIRegistry, r: RouteDefinition): void => {
  const statuses = [...new Set([...problemStatuses, ...r.problems])].sort();
  const errors = Object.fromEntries(
    statuses
      .filter((s) => r.auth === 'jwt' || s !== 401)
      .map((s) => [String(s), { description: describe(s), content: problemContent }]),
  );
  const mediaType = r.success.contentType ?? 'application/json';
  const success = r.success.schema
    ? { description: r.success.description, content: { [mediaType]: { schema: r.success.schema } } }
    : { description: r.success.description };
  registry.registerPath({
    operationId: r.operationId,
    method: r.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete',
    path: r.path,
    summary: r.summary,
    tags: [r.tag],
    // An empty list states that the route is open, rather than leaving it unsaid.
    security: r.auth === 'jwt' ? [{ bearer: [] }] : [],
    request: {
      ...(r.params ? { params: r.params } : {}),
      ...(r.query ? { query: r.query } : {}),
      ...(r.body ? { body: { required: true, content: { 'application/json': { schema: r.body } } } } : {}),
      ...(r.method === 'POST' && r.auth === 'jwt' ? { headers: idempotencyHeader } : {}),
    },
    responses: { [String(r.success.status)]: success, ...errors },
  });
};

let cached: object | undefined;

/** The OpenAPI 3.1 document, generated from the route manifest and its zod contracts. */
export const openApiDocument = (): object => {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  for (const r of routes as readonly RouteDefinition[]) register(registry, r);
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Evently API',
      version: '1.0.0',
      description:
        'Event hosting: organizations and their members, venues, events, sessions, attendees and parties. Errors are RFC 9457 problem+json.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/' }],
  });
  return cached;
};
