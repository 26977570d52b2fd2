import type { Deps, IdempotencyStore } from '../kernel/domain/deps.js';
import { createDocumentClient } from '../kernel/dynamo/client.js';
import * as entity from '../kernel/dynamo/entities.js';
import { dynamoIdempotencyStore } from '../kernel/dynamo/idempotency-store.js';
import { type EventlyEntities, serviceOver } from '../kernel/dynamo/service.js';
import { type Env, readEnv } from '../kernel/env.js';
import { traceClient } from '../kernel/tracing.js';
import type { NotificationChannels } from '../modules/notifications/domain/ports.js';
import { type PortTable, portsOfThisFunction } from './function-ports.js';
import type { Wires } from './wires.js';

export interface Container {
  deps: Deps;
  idempotency: IdempotencyStore;
  /**
   * The notification channels, set by the one function that sends (functions/app/lambdas/
   * notifications.ts): built there, so that only its bundle carries the SES and SNS clients.
   */
  channels?: NotificationChannels;
}

/**
 * The ports built, as `Deps`: a port the table leaves out is not there, and asking for it names
 * the mistake instead of answering `undefined`.
 */
const portsNamed = (built: Partial<Deps>): Deps =>
  new Proxy(built, {
    get: (own, name, receiver) => {
      // `then` is asked by `await`: the ports are no promise.
      if (typeof name === 'string' && name !== 'then' && !(name in own))
        throw new Error(`${name}: not a port of this function (app/function-ports.ts lists its ports)`);
      return Reflect.get(own, name, receiver);
    },
  }) as Deps;

/** The entities of the table's ports, and the idempotency records every HTTP function keeps. */
export const entitiesOf = (table: PortTable): Partial<EventlyEntities> =>
  Object.assign({ idempotency: entity.idempotency }, ...Object.values(table).map((p) => p.entities));

/**
 * The composition root: the ports of `table` (by default, those of the function this code runs
 * as), each served by its adapter in port-wiring.ts, over a service holding their entities.
 */
export const buildContainer = (env: Env, table: PortTable = portsOfThisFunction()): Container => {
  const documentClient = createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT });
  traceClient(documentClient);
  const service = serviceOver(documentClient, env.TABLE_NAME, entitiesOf(table));
  const wires: Wires = { env, documentClient, service };
  const built = Object.fromEntries(
    Object.entries(table).map(([name, wiring]) => [name, wiring.build(wires)]),
  ) as Partial<Deps>;
  return { deps: portsNamed(built), idempotency: dynamoIdempotencyStore(service) };
};

let container: Container | undefined;

/** Built on first use, so cold starts of routes that need no table pay nothing for it. */
export const getContainer = (): Container => {
  container ??= buildContainer(readEnv());
  return container;
};

export const resetContainer = (): void => {
  container = undefined;
};
