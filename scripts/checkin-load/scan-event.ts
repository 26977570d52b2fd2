import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { functionDefinitions } from '../../functions/app/function-definitions.js';
import { routes } from '../../functions/app/routes.js';
import { invokeEvent } from '../local/invoke-event.js';
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

export { authorizerClaims } from '../local/invoke-event.js';

export interface ScanRequest {
  orgId: string;
  claims: Record<string, string>;
  body: Record<string, unknown>;
}

export const scanEvent = ({ orgId, claims, body }: ScanRequest): APIGatewayProxyEventV2WithJWTAuthorizer =>
  invokeEvent(scanRoute, { pathParameters: { orgId }, claims, body, caller: 'checkin-bench' });

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
