import { afterEach, describe, expect, it } from 'vitest';
import { buildContainer, entitiesOf } from '../../functions/app/container.js';
import { type FunctionName, functionDefinitions } from '../../functions/app/function-definitions.js';
import { portsOfThisFunction } from '../../functions/app/function-ports.js';
import * as port from '../../functions/app/port-wiring.js';
import * as entity from '../../functions/kernel/dynamo/entities.js';
import { readEnv } from '../../functions/kernel/env.js';

/**
 * Each function's container, as its bundle builds it: `EVENTLY_FUNCTION` is the constant of the
 * bundle (lib/constructs/bundling.ts); set here, it makes the source build that function's
 * container. test/infra/function-ports.test.ts checks each table against the code of the bundle.
 */

const asFunction = (name: string | undefined) => {
  if (name === undefined) delete process.env.EVENTLY_FUNCTION;
  else process.env.EVENTLY_FUNCTION = name;
};

afterEach(() => asFunction(undefined));

process.env.TABLE_NAME ??= 'function-ports-test';

/** Every function that builds a container (`public` reads no table). */
const withTables = (Object.keys(functionDefinitions) as FunctionName[]).filter((n) => n !== 'public');

describe('the ports of a function', () => {
  it('are every port when run from source', () => {
    asFunction(undefined);
    expect(Object.keys(portsOfThisFunction()).sort()).toEqual(Object.keys(port).sort());
  });

  it.each(withTables)('are a table of its own for %s', (name) => {
    asFunction(name);
    const table = portsOfThisFunction();
    expect(Object.keys(table).length).toBeGreaterThan(0);
    expect(Object.keys(table).length).toBeLessThan(Object.keys(port).length);
  });

  it('are refused for a function without a table', () => {
    asFunction('nightly-report');
    expect(() => portsOfThisFunction()).toThrow(/^nightly-report: a function without a port table/);
  });
});

describe("a function's container", () => {
  it('builds its own ports and names any other when asked for it', () => {
    asFunction('bookings');
    const { deps } = buildContainer(readEnv());
    expect(typeof deps.bookings.create).toBe('function');
    expect(deps.clock.now()).toBeInstanceOf(Date);
    expect(() => deps.ticketKeys).toThrow(/^ticketKeys: not a port of this function/);
    expect(() => deps.paymentInbox.send).toThrow(/^paymentInbox: not a port of this function/);
  });

  it('leaves out of its service the entities of ports it does not have', () => {
    asFunction('bookings');
    const held = Object.keys(entitiesOf(portsOfThisFunction()));
    expect(held).toEqual(expect.arrayContaining(['booking', 'sessionCounter', 'idempotency']));
    expect(held).not.toContain('checkinScan');
    expect(held).not.toContain('invite');
  });

  it('holds every entity in its service when run from source', () => {
    asFunction(undefined);
    expect(Object.keys(entitiesOf(portsOfThisFunction())).sort()).toEqual(Object.keys(entity).sort());
  });

  it('keeps ports as plain values: spreading them copies the built ones only', () => {
    asFunction('notifications');
    const { deps } = buildContainer(readEnv());
    expect(Object.keys({ ...deps }).sort()).toEqual([
      'clock',
      'devices',
      'eventBus',
      'notifications',
      'outbox',
      'pushEndpoints',
    ]);
  });
});
