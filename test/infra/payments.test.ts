import { Validations } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/app/function-definitions.js';
import { routes } from '../../functions/app/routes.js';
import { paymentsMessageSchema } from '../../functions/modules/payments/contracts/inbox.js';
import {
  appInspector,
  type FunctionKey,
  grantsSecretsManager,
  reachesSecret,
  secretStatementsIn,
} from './support/grants.js';
import {
  aliasInvokedBy,
  logicalIdIn,
  resourcesOf,
  type SynthesizedTenant,
  synthTenants,
  tenantConfig,
} from './support/synth.js';

/** Payments in the deployed stack: the providers' secret and who reads it, routes, queue. */

// acme turns on both providers with a fee; globex leaves payments at its defaults.
const [acme, globex] = synthTenants([tenantConfig('acme'), tenantConfig('globex')]) as [
  SynthesizedTenant,
  SynthesizedTenant,
];
const template = acme.app;
// The routes are in nested stacks: read with the app stack, their parameters resolved.
const api = acme.appWithNested;
const { idOf, fns, statementsOf } = appInspector(acme);
const secretId = idOf(acme.stacks.app.paymentSecret.secret);
const functionNames = Object.keys(fns) as FunctionKey[];

const secretReaders = functionNames.filter(
  (name) => (functionDefinitions[name] as { readsPaymentSecrets?: boolean }).readsPaymentSecrets === true,
);

const environmentOf = (tenant: SynthesizedTenant, name: FunctionKey): Record<string, unknown> => {
  const { idOf: id } = appInspector(tenant);
  const fn =
    tenant.app.findResources('AWS::Lambda::Function')[id(tenant.stacks.app.functions.byName[name].function)];
  return (fn as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties
    .Environment.Variables;
};

/** The payment secret's resource (the stack also holds the ticket key's secret: test/infra/tickets.test.ts). */
const paymentSecretResource = () =>
  template.findResources('AWS::SecretsManager::Secret')[secretId] as {
    Properties: Record<string, unknown> & { GenerateSecretString: { GenerateStringKey: string } };
    DeletionPolicy?: string;
  };

/** Provider key prefixes: Stripe secret/restricted/publishable keys, webhook secrets, Razorpay key ids. */
const keyLike = /\b(sk|rk|pk)_|whsec_|\brzp_/;

describe('payment secret', () => {
  it('is one secret per tenant stack, created with a generated placeholder and no value in the template', () => {
    const { Properties: props, DeletionPolicy } = paymentSecretResource();
    expect(props.SecretString).toBeUndefined();
    expect(props.GenerateSecretString).toMatchObject({ SecretStringTemplate: '{}' });
    // No KmsKeyId: the AWS-managed key encrypts it, which needs no grant beyond GetSecretValue.
    expect(props.KmsKeyId).toBeUndefined();
    expect(DeletionPolicy).toBe('Retain');
    expect(props.Description).toEqual(expect.stringContaining(`(${acme.config.tenantId})`));
    for (const field of ['"apiKey"', '"keyId"', '"keySecret"', '"webhookSecrets"']) {
      expect(props.Description).toEqual(expect.stringContaining(field));
    }
  });

  it('starts with a value the function reads as "no provider keys" (it names neither provider)', () => {
    const generate = paymentSecretResource().Properties.GenerateSecretString;
    expect(['stripe', 'razorpay']).not.toContain(generate.GenerateStringKey);
  });

  it('is named in a stack output, so ops know where to put the keys', () => {
    template.hasOutput('PaymentSecretArn', { Value: { Ref: secretId } });
  });

  it('has no resource policy that could let another principal read it', () => {
    template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
  });
});

describe('who may read the payment secret', () => {
  it('is exactly the functions whose definition has readsPaymentSecrets: today payments', () => {
    expect(secretReaders).toEqual(['payments']);
  });

  it('grants the reader GetSecretValue on this one secret and nothing else of Secrets Manager', () => {
    const granted = statementsOf('payments').filter(grantsSecretsManager);
    expect(granted).toEqual([
      expect.objectContaining({
        Action: 'secretsmanager:GetSecretValue',
        Effect: 'Allow',
        Resource: { Ref: secretId },
      }),
    ]);
  });

  it('grants no other role any Secrets Manager action on it', () => {
    const readerRoles = secretReaders.map((name) => JSON.stringify([{ Ref: idOf(fns[name].role) }]));
    const statements = secretStatementsIn(acme).filter(({ statement }) => reachesSecret(statement, secretId));
    expect(statements.length).toBeGreaterThan(0);
    for (const { roles, statement } of statements) {
      expect(readerRoles, JSON.stringify(statement)).toContain(JSON.stringify(roles));
    }
    for (const name of functionNames.filter((n) => !secretReaders.includes(n))) {
      const reaching = statementsOf(name).filter(
        (s) => grantsSecretsManager(s) && reachesSecret(s, secretId),
      );
      expect(reaching, name).toEqual([]);
    }
  });
});

describe('payment settings in the environment', () => {
  it.each([
    ['acme', acme, 'stripe,razorpay', '250', '30'],
    ['globex', globex, '', '0', '0'],
  ] as const)(
    '%s: the reader gets the secret ARN, providers and fee from the tenant config',
    (_, tenant, providers, bps, fixed) => {
      const id = appInspector(tenant).idOf(tenant.stacks.app.paymentSecret.secret);
      expect(environmentOf(tenant, 'payments')).toMatchObject({
        PAYMENT_SECRET_ID: { Ref: id },
        PAYMENT_PROVIDERS: providers,
        PLATFORM_FEE_BPS: bps,
        PLATFORM_FEE_FIXED_MINOR: fixed,
      });
      expect(tenant.config.payments.providers.join(',')).toBe(providers);
    },
  );

  it('gives the payment settings to no function that does not read the secret', () => {
    for (const name of functionNames.filter((n) => !secretReaders.includes(n))) {
      const names = Object.keys(environmentOf(acme, name));
      expect(
        names.filter((k) => /^(PAYMENT_|PLATFORM_FEE_)/.test(k)),
        name,
      ).toEqual([]);
    }
  });

  it('recognizes provider key formats (so the checks below can fail)', () => {
    for (const sample of [
      'sk_live_51H',
      'sk_test_x',
      'rk_live_x',
      'whsec_abc',
      'rzp_live_K1',
      'x,rzp_test_K1',
    ]) {
      expect(sample).toMatch(keyLike);
    }
  });

  it.each([
    ['acme', acme],
    ['globex', globex],
  ] as const)(
    '%s: no function environment value, and nothing else in the template, looks like a key',
    (_, tenant) => {
      for (const name of functionNames) {
        for (const [variable, value] of Object.entries(environmentOf(tenant, name))) {
          expect(JSON.stringify(value), `${name} ${variable}`).not.toMatch(keyLike);
        }
      }
      expect(JSON.stringify(tenant.appWithNested.toJSON())).not.toMatch(keyLike);
      expect(JSON.stringify(tenant.data.toJSON())).not.toMatch(keyLike);
    },
  );
});

interface RouteProps {
  RouteKey: string;
  AuthorizationType: string;
  AuthorizerId?: unknown;
  Target: { 'Fn::Join': [string, [string, { Ref: string }]] };
}

const routeByKey = (key: string): RouteProps => {
  const found = resourcesOf(api, 'AWS::ApiGatewayV2::Route')
    .map(([, r]) => (r as { Properties: RouteProps }).Properties)
    .filter((r) => r.RouteKey === key);
  expect(found, key).toHaveLength(1);
  return found[0] as RouteProps;
};

/** The logical id of the function behind a route's integration. */
const functionBehind = (route: RouteProps): string => {
  const integrationId = route.Target['Fn::Join'][1][1].Ref;
  const integration = api.findResources('AWS::ApiGatewayV2::Integration')[integrationId];
  return logicalIdIn((integration as { Properties: { IntegrationUri: unknown } }).Properties.IntegrationUri);
};

describe('payment routes', () => {
  const authorizers = resourcesOf(api, 'AWS::ApiGatewayV2::Authorizer');
  const startPayment = routes.find((r) => r.operationId === 'startPayment');

  it('serves the webhook without an authorizer: the provider signature authenticates it', () => {
    const webhook = routeByKey('POST /v1/webhooks/{provider}');
    expect(webhook.AuthorizationType).toBe('NONE');
    expect(webhook.AuthorizerId).toBeUndefined();
    expect(functionBehind(webhook)).toBe(idOf(fns.payments.alias));
  });

  it('acknowledges the unauthenticated webhook for what it is, not as public content', () => {
    const route = acme.stacks.app.api.routes.route('receivePaymentWebhook');
    const reasons = route.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.values(m.data as Record<string, string>));
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/signature/);
  });

  it('puts the JWT authorizer on starting a payment', () => {
    expect(startPayment).toBeDefined();
    const route = routeByKey(`${startPayment?.method} ${startPayment?.path}`);
    expect(route.AuthorizationType).toBe('JWT');
    expect(authorizers).toHaveLength(1);
    expect(route.AuthorizerId).toEqual({ Ref: authorizers[0]?.[0] });
    expect(functionBehind(route)).toBe(idOf(fns.payments.alias));
  });
});

describe('payments queue', () => {
  const payments = acme.stacks.app.queues.get('payments');
  const queueArn = { 'Fn::GetAtt': [idOf(payments.queue), 'Arn'] };

  it('redrives to its own dead-letter queue', () => {
    const props = template.findResources('AWS::SQS::Queue')[idOf(payments.queue)]?.Properties as {
      RedrivePolicy?: { deadLetterTargetArn: unknown; maxReceiveCount: number };
    };
    expect(props.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [idOf(payments.deadLetterQueue), 'Arn'] },
      maxReceiveCount: payments.definition.maxReceiveCount,
    });
  });

  it('feeds the payments function, reporting batch item failures, and no other function', () => {
    const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping')
      .map(([, m]) => (m as { Properties: Record<string, unknown> }).Properties)
      .filter((m) => JSON.stringify(m.EventSourceArn) === JSON.stringify(queueArn));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]).toMatchObject({
      FunctionName: aliasInvokedBy(idOf(fns.payments.alias)),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: payments.definition.batchSize,
    });
  });

  it('alarms to the alarm topic when a receipt reaches the dead-letter queue', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm')
      .map(([, a]) => (a as { Properties: Record<string, unknown> }).Properties)
      .filter(
        (a) =>
          JSON.stringify(a.Dimensions) ===
          JSON.stringify([
            { Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf(payments.deadLetterQueue), 'QueueName'] } },
          ]),
      );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      AlarmActions: [{ Ref: idOf(acme.stacks.app.alarms.topic) }],
    });
  });
});

describe('payments reconciler schedule', () => {
  const paymentsQueue = acme.stacks.app.queues.get('payments');
  const queueArn = { 'Fn::GetAtt': [idOf(paymentsQueue.queue), 'Arn'] };
  const rules = resourcesOf(template, 'AWS::Events::Rule').filter(([, r]) =>
    (r as { Properties: { Targets: { Arn: unknown }[] } }).Properties.Targets.some(
      (t) => JSON.stringify(t.Arn) === JSON.stringify(queueArn),
    ),
  );

  it('fires every minute and puts one payments.reconcile message on the payments queue', () => {
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0] ?? [];
    const props = (rule as { Properties: { ScheduleExpression: string; Targets: { Input: string }[] } })
      .Properties;
    expect(props.ScheduleExpression).toBe('rate(1 minute)');
    const message: unknown = JSON.parse(props.Targets[0]?.Input ?? 'null');
    expect(message).toEqual({ type: 'payments.reconcile' });
    expect(paymentsMessageSchema.safeParse(message).success).toBe(true);
  });
});
