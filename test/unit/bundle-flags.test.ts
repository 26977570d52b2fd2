import { describe, expect, it } from 'vitest';
import type { HoldExpiry } from '../../functions/modules/bookings/domain/model.js';

/**
 * The code behind each flag of lib/constructs/bundling.ts (`bundleDefines`), as a function built
 * without the part runs it: the flags are set here as its bundle has them (the modules read them
 * when they load, so only dynamic imports follow). test/infra/bundles.test.ts checks that the
 * bundles then leave the parts out.
 */
process.env.EVENTLY_SERVES_OPENAPI = 'false';
process.env.EVENTLY_TRACES_CALLS = 'false';
process.env.EVENTLY_READS_PAYMENT_SECRETS = 'false';
process.env.EVENTLY_READS_TICKET_KEY = 'false';
process.env.EVENTLY_SCHEDULES_HOLDS = 'false';
process.env.EVENTLY_SOCIAL_TOKENS = 'false';

const z = await import('../../functions/kernel/contracts/zod.js');
const { traceClient, tracingMiddlewares } = await import('../../functions/kernel/tracing.js');
const { buildContainer } = await import('../../functions/app/container.js');
const { readEnv } = await import('../../functions/kernel/env.js');

describe('a function built without the parts it does not run', () => {
  it('leaves a schema as it is when it does not serve the OpenAPI document', () => {
    const schema = z.object({ id: z.string() });
    expect(schema.openapi('Thing')).toBe(schema);
    expect(schema.parse({ id: 'a' })).toEqual({ id: 'a' });
  });

  it('traces nothing itself when its definition does not trace its calls', () => {
    const client = { middlewareStack: {} };
    expect(traceClient(client)).toBe(client);
    expect(tracingMiddlewares()).toEqual([]);
  });

  it('names a port it was built without when it is called', () => {
    process.env.TABLE_NAME = 'flags-test';
    const { deps } = buildContainer(readEnv());
    expect(() => deps.paymentProviders.enabled()).toThrow(/^payment providers: not built into this function/);
    expect(() => deps.ticketKeys.get()).toThrow(/^the ticket key: not built into this function/);
    const expiry: HoldExpiry = { orgId: 'o', sessionId: 's', bookingId: 'b', at: new Date(0).toISOString() };
    expect(() => deps.holdScheduler.scheduleExpiry(expiry)).toThrow(/^hold scheduling: not built into/);
    expect(() => deps.socialTokens.read('x')).toThrow(/^social tokens: not built into/);
  });
});
