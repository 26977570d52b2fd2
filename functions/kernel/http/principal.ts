import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Principal } from '../domain/types.js';
import { HttpProblem } from './problem.js';

/**
 * API Gateway's JWT authorizer hands every claim over as a string, so a boolean claim arrives as
 * "true" (the local runtime does the same); a real boolean is accepted too.
 */
const isTrue = (v: unknown): boolean => v === true || v === 'true';

/**
 * The identity the API Gateway JWT authorizer (or the local verifier) put in the event. Handlers
 * never see tokens; the authorizer has already checked signature, issuer, audience and expiry.
 * The email is kept only when the token says the provider verified it: invites and attendee
 * records are matched by email, and an unverified address proves nothing about who holds it.
 */
export const principalOf = (event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal => {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const sub = text(claims.sub);
  if (!sub) throw new HttpProblem('UNAUTHORIZED', 'A bearer token with a subject is required');
  const email = isTrue(claims.email_verified) ? text(claims.email) : undefined;
  // The same holds for the phone number: attendee records are linked by it (docs/profiles.md).
  const phone = isTrue(claims.phone_number_verified) ? text(claims.phone_number) : undefined;
  const name = text(claims.name);
  return { sub, ...(email ? { email } : {}), ...(phone ? { phone } : {}), ...(name ? { name } : {}) };
};
