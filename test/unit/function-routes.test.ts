import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { functionDefinitions, httpFunctionNames } from '../../functions/app/function-definitions.js';
import { type RouteDefinition, routeKey, routesOf } from '../../functions/app/routes.js';

/**
 * Each HTTP entry hands `routeFunction` its own route tables instead of the manifest (so its
 * bundle builds only its own routes' schemas): the two must name the same routes. The compiler
 * refuses tables that miss a route of the function; this also refuses a route only the tables
 * hold, which API Gateway would never send to the function.
 */
const root = resolve(import.meta.dirname, '..', '..');

const servedBy = async (name: string, entry: string): Promise<string[]> => {
  const mod = (await import(pathToFileURL(resolve(root, entry)).href)) as { routes?: RouteDefinition[] };
  if (!mod.routes) throw new Error(`${entry} exports no routes`);
  return mod.routes.filter((r) => r.function === name).map(routeKey);
};

describe('per-function route tables', () => {
  it.each(httpFunctionNames())(
    'the %s entry serves exactly its routes of the manifest',
    async (name) => {
      const served = await servedBy(name, functionDefinitions[name].entry);
      expect(served.length).toBeGreaterThan(0);
      expect([...served].sort()).toEqual(routesOf(name).map(routeKey).sort());
      // The first entry imported loads the wiring and every SDK client: seconds on a busy machine.
    },
    20_000,
  );

  it('the booking function serves the on-sale routes', () => {
    const keys = routesOf('bookings').map((r) => r.operationId);
    expect(keys).toEqual(expect.arrayContaining(['book', 'joinWaitlist', 'acceptWaitlistOffer']));
    expect(routesOf('catalog').map((r) => r.operationId)).not.toContain('book');
  });
});
