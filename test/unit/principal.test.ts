import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { principalOf } from '../../functions/kernel/http/principal.js';

type Claims = APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer']['jwt']['claims'];

/** Only the part of the event principalOf reads. */
const eventWith = (claims: Claims) =>
  ({
    requestContext: { authorizer: { jwt: { claims, scopes: null } } },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

const ada = { sub: 'ada', email: 'ada@example.com', name: 'Ada' };

describe('principalOf', () => {
  it.each([
    ['"true", as API Gateway passes it', 'true'],
    ['true', true],
  ] as const)('keeps the email when email_verified is %s', (_label, verified) => {
    expect(principalOf(eventWith({ ...ada, email_verified: verified }))).toEqual(ada);
  });

  it.each([
    ['missing', undefined],
    ['"false"', 'false'],
    ['false', false],
    ['another string', 'yes'],
    ['empty', ''],
  ] as const)('drops the email when email_verified is %s, and keeps sub and name', (_label, verified) => {
    const claims: Claims = verified === undefined ? ada : { ...ada, email_verified: verified };
    expect(principalOf(eventWith(claims))).toEqual({ sub: 'ada', name: 'Ada' });
  });

  it('keeps the phone number only when phone_number_verified is true (attendee records are linked by it)', () => {
    const phone = { sub: 'ada', phone_number: '+15550100000' };
    expect(principalOf(eventWith({ ...phone, phone_number_verified: 'true' }))).toEqual({
      sub: 'ada',
      phone: '+15550100000',
    });
    for (const claims of [phone, { ...phone, phone_number_verified: 'false' }])
      expect(principalOf(eventWith(claims))).toEqual({ sub: 'ada' });
  });

  it('refuses a token without a subject', () => {
    expect(() => principalOf(eventWith({ email: ada.email, email_verified: 'true' }))).toThrow(
      expect.objectContaining({ code: 'UNAUTHORIZED' }),
    );
  });
});
