import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { HttpFunctionName } from '../../app/function-definitions.js';
import type { Route } from '../../app/routes.js';
import { withAuditScope } from '../audit/audit-scope.js';
import type { IdempotencyStore } from '../domain/deps.js';
import { readEnv } from '../env.js';
import { logger, metrics } from '../observability.js';
import { tracingMiddlewares } from '../tracing.js';
import { fingerprintOf, readIdempotencyKey, runIdempotent } from './idempotency.js';
import { parseInput } from './parse.js';
import { principalOf } from './principal.js';
import { errorResponse, isExpectedError, problemResponse } from './problem.js';
import { type RouteDefinition, routeKey } from './route-definition.js';
import type { RouteHandlers, RouteResult } from './route-types.js';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Response = APIGatewayProxyStructuredResultV2;
type AnyRouteHandler = (req: never) => Promise<RouteResult>;

export interface RouteFunctionOptions {
  /** Where POST routes keep Idempotency-Key records; functions without POST routes pass none. */
  idempotency?: () => IdempotencyStore;
  maxBodyBytes?: () => number;
}

const toResponse = (r: RouteResult): Response =>
  r.text
    ? {
        statusCode: r.status,
        headers: { 'content-type': r.text.contentType, ...r.headers },
        body: r.text.body,
      }
    : {
        statusCode: r.status,
        headers: { ...(r.body === undefined ? {} : { 'content-type': 'application/json' }), ...r.headers },
        ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }),
      };

/** 4xx domain failures become responses (so they can be stored for replay); the rest propagate. */
const settle = async (instance: string, run: () => Promise<RouteResult>): Promise<Response> => {
  try {
    return toResponse(await run());
  } catch (err) {
    if (isExpectedError(err)) return errorResponse(err, instance);
    throw err;
  }
};

/**
 * The tables handed to `routeFunction` must hold every route the manifest gives `F`: a route left
 * out is named here, as a compile error.
 */
type Covering<F extends HttpFunctionName, T extends readonly RouteDefinition[]> = [
  Exclude<Extract<Route, { function: F }>['operationId'], T[number]['operationId']>,
] extends [never]
  ? unknown
  : { missingRoutes: Exclude<Extract<Route, { function: F }>['operationId'], T[number]['operationId']> };

/** The id a route's path names last (`/v1/orgs/{orgId}/venues/{venueId}`: the venue's): what it changes. */
const subjectOf = (path: string, params: unknown): string | undefined => {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const last = names.at(-1);
  const value = last ? (params as Record<string, unknown> | undefined)?.[last] : undefined;
  return typeof value === 'string' ? value : undefined;
};

const idempotencyScope = (params: unknown, sub: string): string => {
  const orgId = (params as { orgId?: string } | undefined)?.orgId;
  return orgId ? `${orgId}#${sub}` : `user#${sub}`;
};

/**
 * The Lambda entry for one bounded context: routes the event by its API Gateway route key to the
 * handler of that route, after parsing and validation, with Idempotency-Key support on POST, and
 * maps every error to problem+json. Handlers stay small: parse, call one use case, shape.
 * `routes` are the route tables of the modules the function serves (routes of other functions in
 * them are left out), not the whole manifest: a function builds only its own routes' schemas.
 */
export const routeFunction = <F extends HttpFunctionName, const T extends readonly RouteDefinition[]>(
  fn: F,
  routes: T & Covering<F, T>,
  handlers: RouteHandlers<F>,
  options: RouteFunctionOptions = {},
) => {
  const own = routes.filter((r) => r.function === fn);
  const table = new Map<string, RouteDefinition>(own.map((r) => [routeKey(r), r]));
  const byOperation = handlers as unknown as Record<string, AnyRouteHandler>;
  const maxBodyBytes = options.maxBodyBytes ?? (() => readEnv().MAX_BODY_BYTES);

  const dispatch = async (event: Event): Promise<Response> => {
    const instance = event.rawPath;
    const route = table.get(event.routeKey);
    const handle = route && byOperation[route.operationId];
    if (!route || !handle) {
      const { method } = event.requestContext.http;
      return problemResponse('ROUTE_NOT_FOUND', `No route for ${method} ${event.rawPath}`, { instance });
    }
    const input = parseInput(route, event, maxBodyBytes());
    const principal = route.auth === 'jwt' ? principalOf(event) : undefined;
    const orgId = (input.params as { orgId?: string } | undefined)?.orgId;
    if (orgId) logger.appendKeys({ orgId });
    const raw = route.rawBody ? { body: input.rawBytes, headers: event.headers } : undefined;
    const { requestId, http } = event.requestContext;
    const request = { ...input, principal, raw, requestId, sourceIp: http.sourceIp };
    // Every change the request makes records who made it (kernel/audit): the caller, or for a
    // route without sign-in (a provider's webhook) what its path names (the provider).
    const subject = subjectOf(route.path, input.params);
    const actor = principal
      ? { type: 'user' as const, id: principal.sub }
      : { type: 'provider' as const, id: subject ?? route.operationId };
    const scope = { actor, action: route.operationId, requestId: request.requestId, once: true, subject };
    const run = () => withAuditScope(scope, () => settle(instance, () => handle(request as never)));
    const key = route.method === 'POST' ? readIdempotencyKey(event.headers) : undefined;
    if (!key || !principal || !options.idempotency) return run();
    const call = {
      store: options.idempotency(),
      scope: idempotencyScope(input.params, principal.sub),
      key,
      fingerprint: fingerprintOf(event.routeKey, event.rawPath, input.rawBody),
    };
    return runIdempotent(call, run);
  };

  const handler = async (event: Event, _context: Context): Promise<Response> => {
    try {
      const response = await dispatch(event);
      metrics.addMetric(`http${String(response.statusCode ?? 200)[0]}xx`, MetricUnit.Count, 1);
      return response;
    } catch (err) {
      metrics.addMetric(isExpectedError(err) ? 'http4xx' : 'http5xx', MetricUnit.Count, 1);
      if (!isExpectedError(err)) {
        logger.error('unhandled error', { error: err as Error, routeKey: event.routeKey });
      }
      return errorResponse(err, event.rawPath);
    } finally {
      logger.removeKeys(['orgId']);
    }
  };

  return middy(handler)
    .use(tracingMiddlewares())
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics));
};
