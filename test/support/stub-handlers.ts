import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpHandler } from '../../scripts/local/handlers.js';
import type { HttpEvent } from '../../scripts/local/http-event.js';

/**
 * Stand-ins for the real function modules, for tests of the local runtime itself: `echo` sends
 * back the API Gateway event it received, so tests can assert on what a real handler would see.
 */

const json = (
  statusCode: number,
  body: unknown,
  contentType = 'application/json',
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': contentType },
  body: JSON.stringify(body),
});

export const stubPublic: HttpHandler = async (event) => {
  if (event.routeKey === 'GET /health') return json(200, { status: 'ok' });
  if (event.routeKey === 'GET /openapi.json')
    return json(200, { openapi: '3.1.0', info: { title: 'stub' }, paths: {} });
  return json(
    404,
    {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      code: 'NOT_FOUND',
      detail: `no route ${event.rawPath}`,
    },
    'application/problem+json',
  );
};

export interface EchoedEvent {
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  pathParameters?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  cookies?: string[];
  body?: string;
  isBase64Encoded: boolean;
  requestContext: HttpEvent['requestContext'];
}

export const stubEcho: HttpHandler = async (event) => {
  if (event.headers['x-stub-throw']) throw new Error('stub failure on purpose');
  const echoed: EchoedEvent = {
    routeKey: event.routeKey,
    rawPath: event.rawPath,
    rawQueryString: event.rawQueryString,
    pathParameters: event.pathParameters,
    queryStringParameters: event.queryStringParameters,
    headers: event.headers,
    cookies: event.cookies,
    body: event.body,
    isBase64Encoded: event.isBase64Encoded,
    requestContext: event.requestContext,
  };
  return { ...json(200, echoed), cookies: ['stub=1; Path=/'] };
};

export const stubHttpHandlers = { public: stubPublic, orgs: stubEcho };
