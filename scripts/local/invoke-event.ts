import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { RouteDefinition } from '../../functions/app/routes.js';
import { LOCAL_ACCOUNT_ID } from './aws-local.js';
import { apiGatewayTime, newRequestId } from './http-event.js';

/**
 * The API Gateway HTTP API (payload format 2.0) event of one route, built without an HTTP request:
 * benchmarks invoke a function's handler directly, as the Lambda runtime does, with the JWT
 * authorizer's work already done (its claims in `requestContext.authorizer.jwt.claims`).
 */

export interface InvokeRequest {
  pathParameters: Record<string, string>;
  /** As the authorizer passes them: every value a string. */
  claims: Record<string, string>;
  body?: unknown;
  /** Names the caller in `user-agent` and the host (e.g. `checkin-bench`). */
  caller: string;
}

/** The claims of a signed token, as the authorizer passes them (every value a string). */
export const authorizerClaims = (token: string): Record<string, string> => {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, String(v)]));
};

const fillPath = (template: string, params: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} of ${template}`);
    return encodeURIComponent(value);
  });

export const invokeEvent = (
  route: Pick<RouteDefinition, 'method' | 'path'>,
  request: InvokeRequest,
): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const routeKey = `${route.method} ${route.path}`;
  const path = fillPath(route.path, request.pathParameters);
  const text = request.body === undefined ? undefined : JSON.stringify(request.body);
  const host = `api.${request.caller}.example`;
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {
      ...(text === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }),
      host,
      'user-agent': request.caller,
      'x-forwarded-proto': 'https',
    },
    pathParameters: request.pathParameters,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'bench',
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: request.claims, scopes: null } },
      domainName: host,
      domainPrefix: 'api',
      http: {
        method: route.method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: request.caller,
      },
      requestId: newRequestId(),
      routeKey,
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(text === undefined ? {} : { body: text }),
    isBase64Encoded: false,
  };
};
