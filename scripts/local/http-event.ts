import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayProxyEventV2WithJWTAuthorizer,
} from 'aws-lambda';
import type { TokenClaims } from './auth.js';
import { LOCAL_ACCOUNT_ID } from './aws-local.js';

/** Builds the API Gateway HTTP API (payload format 2.0) event for one request. */

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

export interface EventInput {
  req: IncomingMessage;
  url: URL;
  body: Buffer;
  routeKey: string;
  pathParameters?: Record<string, string>;
  claims?: TokenClaims;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** API Gateway's `requestContext.time` format: 12/Mar/2020:19:03:58 +0000. */
export const apiGatewayTime = (d: Date): string =>
  `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
  `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;

/** Shaped like API Gateway's ids (e.g. "JcEq3iV9oAMEJaw="). */
export const newRequestId = (): string => randomBytes(10).toString('base64');

const sourceIp = (req: IncomingMessage): string =>
  (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');

/** Repeated headers are joined with commas; cookies move to `cookies`, as API Gateway does. */
const eventHeaders = (req: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'cookie' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  headers['x-forwarded-for'] = sourceIp(req);
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-port'] = String(req.socket.localPort ?? '');
  return headers;
};

const cookies = (req: IncomingMessage): string[] | undefined => {
  const header = req.headers.cookie;
  return header ? header.split(/;\s*/).filter(Boolean) : undefined;
};

/** Repeated query keys are joined with commas; undefined when there is no query, as in AWS. */
const queryParameters = (url: URL): Record<string, string> | undefined => {
  const keys = [...new Set(url.searchParams.keys())];
  if (keys.length === 0) return undefined;
  return Object.fromEntries(keys.map((k) => [k, url.searchParams.getAll(k).join(',')]));
};

/** API Gateway hands JWT claims to the function as strings; arrays become "[a b]". */
const apiGatewayClaims = (claims: TokenClaims): Record<string, string> =>
  Object.fromEntries(
    Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
  );

const authorizer = (claims: TokenClaims): APIGatewayEventRequestContextJWTAuthorizer => ({
  principalId: '',
  integrationLatency: 0,
  // API Gateway reports scopes only for tokens carrying a `scope` claim; ours carry none.
  jwt: { claims: apiGatewayClaims(claims), scopes: null },
});

export const buildHttpEvent = (input: EventInput, requestId: string): HttpEvent => {
  const { req, url, body, routeKey } = input;
  const now = new Date();
  const host = req.headers.host ?? 'localhost';
  const cookieList = cookies(req);
  const query = queryParameters(url);
  const params = input.pathParameters ?? {};
  const event = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookieList ? { cookies: cookieList } : {}),
    headers: eventHeaders(req),
    ...(query ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'local',
      ...(input.claims ? { authorizer: authorizer(input.claims) } : {}),
      domainName: host,
      domainPrefix: host.split(/[.:]/)[0] ?? host,
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: sourceIp(req),
        userAgent: req.headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
    isBase64Encoded: false,
  };
  // Routes without an authorizer get no `authorizer`, exactly as in AWS; the handler type assumes one.
  return event as HttpEvent;
};
