import { randomBytes } from 'node:crypto';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { functionDefinitions } from '../../functions/app/function-definitions.js';
import { routeKey, routes } from '../../functions/app/routes.js';
import { LOCAL_ACCOUNT_ID } from '../local/aws-local.js';
import { lambdaContext } from '../local/lambda-context.js';

/**
 * `POST /v1/orgs/{orgId}/checkins` as Lambda receives it from API Gateway (payload format 2.0):
 * the JWT authorizer has verified the door member's token and hands its claims over as strings.
 */

export type ScanHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface ScanAnswer {
  outcome: string;
  previous: { at: string; gate: string } | null;
  replayed: boolean;
}

const scanRoute = routes.find((r) => r.operationId === 'scanTicket');
if (!scanRoute) throw new Error('the manifest has no scanTicket route');
const scanRouteKey = routeKey(scanRoute);

/** The claims of a signed token, as the authorizer passes them (every value a string). */
export const authorizerClaims = (token: string): Record<string, string> => {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, String(v)]));
};

export interface ScanRequest {
  orgId: string;
  claims: Record<string, string>;
  body: Record<string, unknown>;
}

export const scanEvent = ({ orgId, claims, body }: ScanRequest): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const path = `/v1/orgs/${orgId}/checkins`;
  const text = JSON.stringify(body);
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: scanRouteKey,
    rawPath: path,
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      host: 'api.checkin-bench.example',
      'user-agent': 'checkin-bench',
      'x-forwarded-proto': 'https',
    },
    pathParameters: { orgId },
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'bench',
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: null } },
      domainName: 'api.checkin-bench.example',
      domainPrefix: 'api',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'checkin-bench' },
      requestId: randomBytes(10).toString('base64'),
      routeKey: scanRouteKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    body: text,
    isBase64Encoded: false,
  };
};

const limits = {
  memoryMb: functionDefinitions.tickets.memoryMb,
  timeoutSeconds: functionDefinitions.tickets.timeoutSeconds,
};

/** One invocation; anything but 200 is a failure of the benchmark. */
export const invokeScan = async (handler: ScanHandler, request: ScanRequest): Promise<ScanAnswer> => {
  const response = await handler(scanEvent(request), lambdaContext('tickets', limits));
  if (response.statusCode !== 200)
    throw new Error(`scan answered HTTP ${response.statusCode}: ${response.body}`);
  return JSON.parse(response.body ?? '{}') as ScanAnswer;
};
