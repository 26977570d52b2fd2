import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/app/function-definitions.js';
import { routeKey, routesOf } from '../../functions/app/routes.js';
import { keyringOf, parseTicketSecret } from '../../functions/modules/tickets/adapters/ticket-keys.js';
import { ticketRoutes } from '../../functions/modules/tickets/routes/tickets.js';
import { TicketKeySecret } from '../../lib/constructs/ticket-key-secret.js';
import {
  appInspector,
  type FunctionKey,
  grantsSecretsManager,
  reachesSecret,
  secretStatementsIn,
} from './support/grants.js';
import {
  logicalIdIn,
  newTestApp,
  resourcesOf,
  type SynthesizedTenant,
  synthTenants,
  tenantConfig,
  validationFindings,
} from './support/synth.js';

/** Tickets in the deployed stack: the generated ticket key, who reads it, and the routes of the door. */

const [acme, globex] = synthTenants([tenantConfig('acme'), tenantConfig('globex')]) as [
  SynthesizedTenant,
  SynthesizedTenant,
];
const template = acme.app;
// The routes are in nested stacks: read with the app stack, their parameters resolved.
const api = acme.appWithNested;
const { idOf, fns, statementsOf } = appInspector(acme);
const keyId = idOf(acme.stacks.app.ticketKey.secret);
const functionNames = Object.keys(fns) as FunctionKey[];

const keyReaders = functionNames.filter(
  (name) => (functionDefinitions[name] as { readsTicketKey?: boolean }).readsTicketKey === true,
);

interface GeneratedSecret {
  Properties: {
    Description: string;
    SecretString?: unknown;
    KmsKeyId?: unknown;
    GenerateSecretString: {
      SecretStringTemplate: string;
      GenerateStringKey: string;
      PasswordLength: number;
      ExcludePunctuation?: boolean;
    };
  };
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

const keySecret = (tenant: SynthesizedTenant): GeneratedSecret =>
  tenant.app.findResources('AWS::SecretsManager::Secret')[
    appInspector(tenant).idOf(tenant.stacks.app.ticketKey.secret)
  ] as GeneratedSecret;

const environmentOf = (tenant: SynthesizedTenant, name: FunctionKey): Record<string, unknown> => {
  const fn =
    tenant.app.findResources('AWS::Lambda::Function')[
      appInspector(tenant).idOf(tenant.stacks.app.functions.byName[name].function)
    ];
  return (fn as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties
    .Environment.Variables;
};

describe('ticket key secret', () => {
  it('is one more secret beside the payment secret, the webhook key and the sign-in key, nothing else', () => {
    const ids = resourcesOf(template, 'AWS::SecretsManager::Secret').map(([id]) => id);
    const { paymentSecret, webhookKey, signInKey } = acme.stacks.app;
    const others = [paymentSecret.secret, webhookKey.secret, signInKey.secret].map(idOf);
    expect(ids.sort()).toEqual([keyId, ...others].sort());
  });

  it.each([
    ['acme', acme],
    ['globex', globex],
  ] as const)('%s: CloudFormation generates the seed; the template holds no value', (_, tenant) => {
    const { Properties: props } = keySecret(tenant);
    expect(props.SecretString).toBeUndefined();
    expect(props.GenerateSecretString).toEqual({
      SecretStringTemplate: '{}',
      GenerateStringKey: 'seed',
      PasswordLength: 64,
      ExcludePunctuation: true,
    });
    // No KmsKeyId: the AWS-managed key encrypts it, which needs no grant beyond GetSecretValue.
    expect(props.KmsKeyId).toBeUndefined();
    expect(props.Description).toEqual(expect.stringContaining(`(${tenant.config.tenantId})`));
  });

  it('generates what the tickets function reads: a seed it accepts and derives a key pair from', () => {
    const generate = keySecret(acme).Properties.GenerateSecretString;
    // The shortest value CloudFormation can produce with these settings.
    const value = JSON.stringify({
      ...(JSON.parse(generate.SecretStringTemplate) as object),
      [generate.GenerateStringKey]: 'x'.repeat(generate.PasswordLength),
    });
    const seed = parseTicketSecret('the stack')(value);
    expect(keyringOf(seed).publicKeyPem).toMatch(/BEGIN PUBLIC KEY/);
    // The parser refuses what the template would produce if the key were misnamed.
    expect(() => parseTicketSecret('the stack')(JSON.stringify({ password: seed }))).toThrow(/seed/);
  });

  it('is kept when the stack is deleted or the secret replaced: printed tickets stay valid', () => {
    const secret = keySecret(acme);
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(secret.UpdateReplacePolicy).toBe('Retain');
  });

  it('is named in a stack output', () => {
    template.hasOutput('TicketKeySecretArn', { Value: { Ref: keyId } });
  });

  it('has no resource policy that could let another principal read it', () => {
    template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
  });
});

describe('who may read the ticket key', () => {
  it('is exactly the functions whose definition has readsTicketKey: today tickets', () => {
    expect(keyReaders).toEqual(['tickets']);
  });

  it('grants tickets GetSecretValue on the key and no other Secrets Manager action anywhere', () => {
    expect(statementsOf('tickets').filter(grantsSecretsManager)).toEqual([
      expect.objectContaining({
        Action: 'secretsmanager:GetSecretValue',
        Effect: 'Allow',
        Resource: { Ref: keyId },
      }),
    ]);
  });

  it('grants no other role any Secrets Manager action on the key', () => {
    const readerRoles = keyReaders.map((name) => JSON.stringify([{ Ref: idOf(fns[name].role) }]));
    const reaching = secretStatementsIn(acme).filter(({ statement }) => reachesSecret(statement, keyId));
    expect(reaching.length).toBeGreaterThan(0);
    for (const { roles, statement } of reaching) {
      expect(readerRoles, JSON.stringify(statement)).toContain(JSON.stringify(roles));
    }
    for (const name of functionNames.filter((n) => !keyReaders.includes(n))) {
      const granted = statementsOf(name).filter((s) => grantsSecretsManager(s) && reachesSecret(s, keyId));
      expect(granted, name).toEqual([]);
    }
  });
});

describe('ticket key in the environment', () => {
  it.each([
    ['acme', acme],
    ['globex', globex],
  ] as const)('%s: the reader gets where the key is (its ARN), not a file', (_, tenant) => {
    const id = appInspector(tenant).idOf(tenant.stacks.app.ticketKey.secret);
    const env = environmentOf(tenant, 'tickets');
    expect(env.TICKET_KEY_SECRET_ID).toEqual({ Ref: id });
    expect(env.TICKET_KEY_FILE).toBeUndefined();
  });

  it('gives no other function a ticket key setting', () => {
    for (const name of functionNames.filter((n) => !keyReaders.includes(n))) {
      const names = Object.keys(environmentOf(acme, name));
      expect(
        names.filter((k) => k.startsWith('TICKET_KEY')),
        name,
      ).toEqual([]);
    }
  });
});

interface RouteProps {
  RouteKey: string;
  AuthorizationType: string;
  AuthorizerId?: unknown;
  Target: { 'Fn::Join': [string, [string, { Ref: string }]] };
}

/** The logical id of the function behind the route with this key (exactly one such route). */
const routeOf = (key: string): RouteProps & { functionId: string } => {
  const found = resourcesOf(api, 'AWS::ApiGatewayV2::Route')
    .map(([, r]) => (r as { Properties: RouteProps }).Properties)
    .filter((r) => r.RouteKey === key);
  expect(found, key).toHaveLength(1);
  const route = found[0] as RouteProps;
  const integration = api.findResources('AWS::ApiGatewayV2::Integration')[
    route.Target['Fn::Join'][1][1].Ref
  ] as { Properties: { IntegrationUri: unknown } };
  return { ...route, functionId: logicalIdIn(integration.Properties.IntegrationUri) };
};

describe('ticket routes', () => {
  const authorizers = resourcesOf(api, 'AWS::ApiGatewayV2::Authorizer');

  it('are all served by the tickets function', () => {
    const served = routesOf('tickets').map(routeKey);
    expect(served).toEqual(expect.arrayContaining(ticketRoutes.map(routeKey)));
  });

  it.each(ticketRoutes.map((r) => [routeKey(r)] as const))(
    '%s: on the tickets function, behind the JWT authorizer',
    (key) => {
      const route = routeOf(key);
      expect(route.functionId).toBe(idOf(fns.tickets.alias));
      expect(route.AuthorizationType).toBe('JWT');
      expect(route.AuthorizerId).toEqual({ Ref: authorizers[0]?.[0] });
    },
  );

  it('lets API Gateway invoke the tickets function, with one API-wide permission', () => {
    const paths = resourcesOf(api, 'AWS::Lambda::Permission')
      .map(([, p]) => (p as { Properties: { FunctionName: unknown; SourceArn: unknown } }).Properties)
      .filter((p) => logicalIdIn(p.FunctionName) === idOf(fns.tickets.alias))
      .map((p) => String((p.SourceArn as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1].at(-1)));
    expect(routesOf('tickets').length).toBeGreaterThan(0);
    expect(paths).toEqual(['/*/*/*']);
  });

  it('alarms when the tickets function fails invocations', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm')
      .map(([, a]) => (a as { Properties: { MetricName?: string; Dimensions?: unknown } }).Properties)
      .filter(
        (a) =>
          a.MetricName === 'Errors' &&
          JSON.stringify(a.Dimensions) ===
            JSON.stringify([{ Name: 'FunctionName', Value: { Ref: idOf(fns.tickets.function) } }]),
      );
    expect(alarms).toHaveLength(1);
  });
});

describe('cdk-nag on the ticket key', () => {
  const findingsOf = (build: (stack: Stack) => void) => {
    const app = newTestApp();
    build(new Stack(app, 'Probe'));
    return validationFindings(app).map((f) => f.rule);
  };

  it('raises no finding: the rotation finding is acknowledged, with why the seed is not rotated', () => {
    expect(findingsOf((stack) => new TicketKeySecret(stack, 'TicketKey', { tenantId: 'probe' }))).toEqual([]);
    const reasons = acme.stacks.app.ticketKey.secret.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(reasons).toEqual([
      [expect.stringMatching(/SMG4$/), expect.stringMatching(/invalidates every code/)],
    ]);
  });

  it('is really checking: the same secret without the acknowledgement is reported', () => {
    const rules = findingsOf(
      (stack) =>
        new Secret(stack, 'Plain', {
          generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'seed' },
          removalPolicy: RemovalPolicy.RETAIN,
        }),
    );
    expect(rules).toContain('AwsSolutions-SMG4');
  });
});
