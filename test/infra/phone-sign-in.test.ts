import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { TenantConfig } from '../../lib/config/tenant-config.js';
import { loadTenantConfig, parseTenantConfig } from '../../lib/config/tenant-config.js';
import { addTenantStacks } from '../../lib/tenant-app.js';
import { newTestApp, resourcesOf, tenantConfig, validationFindings } from './support/synth.js';

/**
 * Phone sign-in in the deployed stack (docs/identity.md): a tenant whose `auth` is left out signs
 * in by phone: its user pool with the custom flow and the triggers, the JWT authorizer accepting
 * the pool's tokens, the admin calls granted to `identity` alone. The checked-in tenants name their
 * own issuer and keep it.
 */

const { auth: _own, ...acmeWithoutAuth } = JSON.parse(
  JSON.stringify(loadTenantConfig('acme')),
) as TenantConfig;
const initech = parseTenantConfig(
  { ...acmeWithoutAuth, tenantId: 'initech' },
  'config/tenants/initech.json',
  'initech',
);

const app = newTestApp({ cloudFormationValidation: true });
const stacks = addTenantStacks(app, initech);
const findings = validationFindings(app);
const template = Template.fromStack(stacks.app);

describe('phone sign-in', () => {
  it('is the default when a tenant names no issuer; a named issuer keeps its own provider', () => {
    expect(initech.auth).toEqual({ mode: 'phone-otp' });
    expect(tenantConfig('acme').auth.mode).toBe('oidc');
    expect(tenantConfig('globex').auth.mode).toBe('oidc');
  });

  it('makes a user pool of phone usernames without self sign-up, and an app client of the custom flow only', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['phone_number'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      GenerateSecret: false,
      AuthSessionValidity: 5,
      // Sign-out revokes refresh tokens.
      EnableTokenRevocation: true,
    });
    const [[, pool]] = resourcesOf(template, 'AWS::Cognito::UserPool') as [
      [string, { Properties: { LambdaConfig: Record<string, unknown> } }],
    ];
    expect(Object.keys(pool.Properties.LambdaConfig).sort()).toEqual([
      'CreateAuthChallenge',
      'DefineAuthChallenge',
      'VerifyAuthChallengeResponse',
    ]);
  });

  it("points the API's JWT authorizer at the pool and its app client", () => {
    const poolId = resourcesOf(template, 'AWS::Cognito::UserPool')[0]?.[0] ?? 'no pool';
    const clientId = resourcesOf(template, 'AWS::Cognito::UserPoolClient')[0]?.[0] ?? 'no client';
    const [[, authorizer]] = resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer') as [
      [string, { Properties: { JwtConfiguration: { Issuer: unknown; Audience: unknown[] } } }],
    ];
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain(poolId);
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([{ Ref: clientId }]);
  });

  it('grants the admin calls and the revocation on the pool to the identity function alone', () => {
    const policies = resourcesOf(template, 'AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p).includes('cognito-idp:AdminInitiateAuth'),
    );
    expect(policies).toHaveLength(1);
    expect(JSON.stringify(policies[0]?.[1])).toContain('cognito-idp:RevokeToken');
    expect(policies[0]?.[0]).toMatch(/identity/i);
  });

  it('keeps the app stack as far under its resource limit as test/infra/limits.test.ts asks', () => {
    expect(Object.keys(template.toJSON().Resources as object).length).toBeLessThan(450);
  });

  it('passes cdk-nag with every finding acknowledged', () => {
    expect(findings.map((f) => `${f.severity} ${f.rule} at ${f.paths.join(', ')}`)).toEqual([]);
  });
});
