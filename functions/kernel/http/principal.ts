import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Principal } from '../domain/types.js';
import { HttpProblem } from './problem.js';

/**
 * The identity the API Gateway JWT authorizer (or the local verifier) put in the event. Handlers
 * never see tokens; the authorizer has already checked signature, issuer, audience and expiry.
 */
export const principalOf = (event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal => {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const sub = text(claims.sub);
  if (!sub) throw new HttpProblem('UNAUTHORIZED', 'A bearer token with a subject is required');
  const email = text(claims.email);
  const name = text(claims.name);
  return { sub, ...(email ? { email } : {}), ...(name ? { name } : {}) };
};
