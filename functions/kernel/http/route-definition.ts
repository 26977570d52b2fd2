import type { HttpFunctionName } from '../../app/function-definitions.js';
import type { z } from '../contracts/zod.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One entry per HTTP route. CDK turns each into an API Gateway route on `function`; the local
 * server matches requests against the same list; the OpenAPI document is generated from it; the
 * sweep tests iterate over it. Paths use API Gateway syntax and are part of the product. The tables
 * write them with `routeGroup` (route-group.ts), each entry naming only what its table does not share.
 */
export interface RouteDefinition {
  operationId: string;
  method: HttpMethod;
  path: string;
  function: HttpFunctionName;
  /** `jwt`: the API Gateway JWT authorizer (locally: the dev-key verifier) must pass first. */
  auth: 'jwt' | 'none';
  /**
   * Why a route with `auth: 'none'` may be called by anyone: what it serves and why that is safe.
   * CDK records it as the reason for the route's cdk-nag acknowledgement (AwsSolutions-APIG4).
   */
  publicBecause?: string;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * The handler gets the body's bytes and the headers as they came (`raw`), for a signature over
   * them (webhooks); such a route has no `body` schema.
   */
  rawBody?: boolean;
  /**
   * The write-heavy routes (an on-sale's bookings, the providers' webhooks) get a stage throttle of
   * their own from the tenant config (`api.routeThrottles`); the others share the stage's.
   */
  throttleClass?: 'bookings' | 'webhooks';
  success: { status: 200 | 201 | 202 | 204; description: string; schema?: z.ZodType; contentType?: string };
  /** Problem statuses this route can answer besides 400/401/413/415/422/500. */
  problems: readonly number[];
}

/** `METHOD /path`: how API Gateway names a route (`event.routeKey`), and the key routes are found by. */
export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>): string => `${r.method} ${r.path}`;
