import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/app/routes.js';
import { jwtOf } from '../../lib/config/tenant-config.js';
import { routeStackCount, routeStackOf } from '../../lib/constructs/api-routes.js';
import {
  logicalIdIn,
  nestedStacksOf,
  resourcesOf,
  type SynthesizedTenant,
  synthTenants,
  tenantConfig,
} from './support/synth.js';

// Two tenants: a Cognito issuer with one audience, a Keycloak issuer with two.
const tenants = synthTenants([tenantConfig('acme'), tenantConfig('globex')]);
const [acme] = tenants as [SynthesizedTenant, SynthesizedTenant];
// The routes live in nested stacks: read them with the app stack, parameters resolved.
const template = acme.appWithNested;

interface RouteProps {
  RouteKey: string;
  Target: { 'Fn::Join': [string, unknown[]] };
  AuthorizationType: string;
  AuthorizerId?: unknown;
}

const routeProps = (): RouteProps[] =>
  resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(
    ([, r]) => (r as { Properties: RouteProps }).Properties,
  );

/** The logical id of the integration a route targets (`integrations/<ref>`). */
const integrationOf = (route: RouteProps): string => {
  const [, parts] = route.Target['Fn::Join'];
  return (parts[1] as { Ref: string }).Ref;
};

/** The logical id of what an integration invokes. */
const functionOfIntegration = (integrationId: string): string => {
  const integration = template.findResources('AWS::ApiGatewayV2::Integration')[integrationId];
  return logicalIdIn(integration?.Properties.IntegrationUri);
};

/** The API invokes each function's `live` alias, never the unqualified function. */
const functionId = (name: string): string => {
  const fn = acme.stacks.app.functions.byName[name as 'public'];
  return acme.stacks.app.getLogicalId(fn.alias.node.defaultChild as never);
};

describe('HTTP API routes', () => {
  it('has one route per manifest entry plus $default, and nothing else', () => {
    const keys = routeProps()
      .map((r) => r.RouteKey)
      .sort();
    expect(keys).toEqual([...routes.map((r) => `${r.method} ${r.path}`), '$default'].sort());
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: right function and authorizer',
    (key, route) => {
      const props = routeProps().find((r) => r.RouteKey === key);
      expect(props).toBeDefined();
      expect(functionOfIntegration(integrationOf(props!))).toBe(functionId(route.function));
      if (route.auth === 'jwt') {
        expect(props!.AuthorizationType).toBe('JWT');
        expect(props!.AuthorizerId).toBeDefined();
      } else {
        expect(props!.AuthorizationType).toBe('NONE');
        expect(props!.AuthorizerId).toBeUndefined();
      }
    },
  );

  it('sends unknown routes ($default) to the public function, unauthenticated', () => {
    const fallback = routeProps().find((r) => r.RouteKey === '$default');
    expect(fallback?.AuthorizationType).toBe('NONE');
    expect(functionOfIntegration(integrationOf(fallback!))).toBe(functionId('public'));
  });

  it('lets API Gateway invoke each function once for the whole API, the public one on exactly its routes and $default', () => {
    const permitted = resourcesOf(template, 'AWS::Lambda::Permission').map(([, p]) => {
      const props = (p as { Properties: { FunctionName: unknown; SourceArn: unknown } }).Properties;
      const parts = (props.SourceArn as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
      return `${logicalIdIn(props.FunctionName)} ${String(parts.at(-1))}`;
    });
    const others = [...new Set(routes.map((r) => r.function))].filter((f) => f !== 'public');
    const expected = [
      ...routes.filter((r) => r.function === 'public').map((r) => `${functionId('public')} /*/*${r.path}`),
      // `$default` has no method or path in its source ARN (<api>/<stage>/$default).
      `${functionId('public')} /*/*`,
      ...others.map((f) => `${functionId(f)} /*/*/*`),
    ];
    expect(permitted.sort()).toEqual(expected.sort());
  });

  it('acknowledges each unauthenticated route with its own reason from the manifest', () => {
    const open = routes.filter((r) => r.auth === 'none');
    expect(open.map((r) => r.operationId)).toEqual(
      expect.arrayContaining(['getHealth', 'listPublicEvents', 'receivePaymentWebhook']),
    );
    for (const route of open) {
      const created = acme.stacks.app.api.routes.route(route.operationId);
      const acknowledged = created.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.values(m.data as Record<string, string>));
      expect(acknowledged, route.operationId).toEqual([route.publicBecause]);
      expect(route.publicBecause?.length ?? 0, route.operationId).toBeGreaterThan(40);
    }
    const catalog = routes.find((r) => r.operationId === 'listPublicEvents');
    expect(catalog?.publicBecause).toMatch(/published with visibility 'public'/);
  });

  it('uses Lambda proxy integrations with payload format 2.0', () => {
    template.allResourcesProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });
});

describe('route stacks', () => {
  const stacks = nestedStacksOf(acme.stacks.app);
  const routeKeysIn = (t: Template): string[] =>
    resourcesOf(t, 'AWS::ApiGatewayV2::Route').map(
      ([, r]) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey,
    );

  it('hold every manifest route; the app stack keeps only $default, the authorizer and the integrations', () => {
    expect(stacks).toHaveLength(routeStackCount);
    expect(routeKeysIn(acme.app)).toEqual(['$default']);
    acme.app.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    acme.app.resourceCountIs('AWS::ApiGatewayV2::Integration', new Set(routes.map((r) => r.function)).size);
    for (const stack of stacks) {
      const nested = Template.fromStack(stack);
      nested.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
      nested.resourceCountIs('AWS::ApiGatewayV2::Integration', 0);
    }
  });

  it('put each route in the stack its operation id hashes to, under its operation id', () => {
    for (const route of routes) {
      const nested = Template.fromStack(stacks[routeStackOf(route.operationId)]!);
      expect(nested.toJSON().Resources[route.operationId]?.Properties.RouteKey, route.operationId).toBe(
        `${route.method} ${route.path}`,
      );
    }
  });

  it('keep a deployed route where it is: the hash and the count of stacks do not change', () => {
    // A changed assignment moves routes between stacks, which fails the deploy (docs/operations.md).
    expect(routeStackCount).toBe(4);
    expect(['getHealth', 'getOpenApi', 'updateMember', 'updateOrganization'].map(routeStackOf)).toEqual([
      0, 1, 2, 3,
    ]);
  });
});

describe('JWT authorizer', () => {
  it.each(tenants.map((t) => [t.config.tenantId, t] as const))(
    '%s: issuer and audiences from the tenant config',
    (_, t) => {
      t.appWithNested.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
      t.app.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: jwtOf(t.config).issuer, Audience: jwtOf(t.config).audiences },
      });
    },
  );
});

describe('HTTP API stage', () => {
  it('auto-deploys $default with JSON access logs and the tenant throttle', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] },
        Format: Match.serializedJson(Match.objectLike({ requestId: '$context.requestId' })),
      },
      DefaultRouteSettings: {
        ThrottlingRateLimit: acme.config.api.throttle.rateLimit,
        ThrottlingBurstLimit: acme.config.api.throttle.burstLimit,
      },
    });
  });

  it('allows exactly the configured CORS origins', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: acme.config.cors.allowedOrigins }),
    });
  });
});
