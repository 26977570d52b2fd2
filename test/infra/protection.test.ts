import { describe, expect, it } from 'vitest';
import { routes as manifest, type RouteDefinition } from '../../functions/app/routes.js';
import { nestedStacksOf, resourcesOf, synthTenants, tenantConfig } from './support/synth.js';

const routes: readonly RouteDefinition[] = manifest;

/** Per-route throttles, reserved concurrency from the tenant config, and what outlives a stack. */

const [acme, globex] = synthTenants([tenantConfig('acme'), tenantConfig('globex')]);
if (!acme || !globex) throw new Error('both tenants synthesize');
const idOf = (construct: { node: { defaultChild?: unknown } }): string =>
  acme.stacks.app.getLogicalId(construct.node.defaultChild as never);

describe('per-route throttles', () => {
  const stage = resourcesOf(acme.app, 'AWS::ApiGatewayV2::Stage')[0]?.[1] as {
    Properties: {
      RouteSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    };
    DependsOn: string[];
  };
  const throttled = routes.filter((r) => r.throttleClass);

  it('cover booking, joining the waitlist, accepting an offer, starting a payment and the webhooks', () => {
    expect(throttled.map((r) => r.operationId).sort()).toEqual(
      ['acceptWaitlistOffer', 'book', 'joinWaitlist', 'receivePaymentWebhook', 'startPayment'].sort(),
    );
  });

  it.each(throttled.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s has its class’s limits from the tenant config',
    (key, route) => {
      const limits = acme.config.api.routeThrottles[route.throttleClass!];
      expect(stage.Properties.RouteSettings[key]).toEqual({
        ThrottlingRateLimit: limits.rateLimit,
        ThrottlingBurstLimit: limits.burstLimit,
      });
    },
  );

  it('names only throttled routes, each created before the stage that names it', () => {
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(
      throttled.map((r) => `${r.method} ${r.path}`).sort(),
    );
    // The routes live in nested stacks: the stage waits for each of them.
    const routeKeys = resourcesOf(acme.appWithNested, 'AWS::ApiGatewayV2::Route').map(
      ([, r]) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey,
    );
    expect(routeKeys).toEqual(expect.arrayContaining(Object.keys(stage.Properties.RouteSettings)));
    const routeStackIds = nestedStacksOf(acme.stacks.app).map((s) =>
      acme.stacks.app.getLogicalId(s.nestedStackResource as never),
    );
    expect(routeStackIds.length).toBeGreaterThan(0);
    expect(stage.DependsOn).toEqual(expect.arrayContaining(routeStackIds));
  });
});

describe('reserved concurrency', () => {
  it('is set from the tenant config on the functions it names, and on no other', () => {
    for (const tenant of [acme, globex]) {
      for (const [name, fn] of Object.entries(tenant.stacks.app.functions.byName)) {
        const props =
          tenant.app.findResources('AWS::Lambda::Function')[
            tenant.stacks.app.getLogicalId(fn.function.node.defaultChild as never)
          ]?.Properties;
        const configured = tenant.config.functions[name as keyof typeof tenant.config.functions];
        expect(props?.ReservedConcurrentExecutions, `${tenant.config.tenantId} ${name}`).toBe(
          configured?.reservedConcurrency,
        );
      }
    }
    expect(Object.keys(acme.config.functions).length).toBeGreaterThan(0);
  });
});

describe('removal policies', () => {
  const policyOf = (template: typeof acme.app, type: string) =>
    resourcesOf(template, type).map(
      ([id, r]) => [id, (r as { DeletionPolicy?: string }).DeletionPolicy] as const,
    );

  it('keep every dead-letter queue (and what failed in it) when the app stack is deleted', () => {
    const queues = acme.stacks.app.queues;
    const deadLetters = [...queues.all().map((q) => q.deadLetterQueue), queues.deliveryDeadLetterQueue].map(
      idOf,
    );
    const policies = Object.fromEntries(policyOf(acme.app, 'AWS::SQS::Queue'));
    for (const id of deadLetters) expect(policies[id], id).toBe('Retain');
    for (const q of queues.all()) expect(policies[idOf(q.queue)], q.definition.name).toBe('Delete');
  });

  it('keep the log groups (each still expiring by its retention) and the secrets', () => {
    for (const [id, policy] of policyOf(acme.app, 'AWS::Logs::LogGroup')) expect(policy, id).toBe('Retain');
    for (const [, group] of resourcesOf(acme.app, 'AWS::Logs::LogGroup')) {
      expect((group as { Properties: { RetentionInDays: number } }).Properties.RetentionInDays).toBe(
        acme.config.logRetentionDays,
      );
    }
    for (const [id, policy] of policyOf(acme.app, 'AWS::SecretsManager::Secret'))
      expect(policy, id).toBe('Retain');
  });

  it('schedule the alarm topic’s key for deletion with the stack, after a 30-day window', () => {
    const keys = resourcesOf(acme.app, 'AWS::KMS::Key');
    expect(keys).toHaveLength(1);
    const [, key] = keys[0] as [
      string,
      { DeletionPolicy: string; Properties: { PendingWindowInDays: number } },
    ];
    expect(key.DeletionPolicy).toBe('Delete');
    expect(key.Properties.PendingWindowInDays).toBe(30);
  });

  it('keep the table, with deletion protection and point-in-time recovery', () => {
    const [[, table]] = resourcesOf(acme.data, 'AWS::DynamoDB::Table') as [
      [string, { DeletionPolicy: string; Properties: Record<string, unknown> }],
    ];
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });
});
