import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withoutSdkLogging } from '../kernel/aws/sdk-logging.js';
import {
  cachedSource,
  fileText,
  parsedSource,
  type SecretSource,
  secretsManagerText,
} from '../kernel/aws/secrets.js';
import type { Deps } from '../kernel/domain/deps.js';
import type { EventlyEntities, EventlyService } from '../kernel/dynamo/service.js';
import type { Env } from '../kernel/env.js';
import { traceClient } from '../kernel/tracing.js';

/** What a container's ports are built from: one of each per container (app/container.ts). */
export interface Wires {
  env: Env;
  documentClient: DynamoDBDocumentClient;
  /** Holds the entities of the container's ports only (`PortWiring.entities`). */
  service: EventlyService;
}

/**
 * One port: the adapter that serves it (`build`) and the entities that adapter and the code it
 * calls name (`service.entities.<name>`, `tx.<name>`), which a function's service must hold.
 */
export interface PortWiring<K extends keyof Deps> {
  entities: Partial<EventlyEntities>;
  build(wires: Wires): Deps[K];
}

/**
 * A port whose adapters this function's bundle leaves out, as its definition grants it nothing
 * they need (the flags of lib/constructs/bundling.ts): a call is a wiring mistake, named here.
 */
export const notInThisFunction = (port: string) => (): never => {
  throw new Error(`${port}: not built into this function, whose definition does not grant it`);
};

const sqsClients = new WeakMap<Wires, SQSClient>();

/** The container's SQS client, made for the first port that sends (a function without one has none). */
export const sqsOf = (wires: Wires): SQSClient => {
  const made = sqsClients.get(wires);
  if (made) return made;
  const { env } = wires;
  const client = traceClient(
    withoutSdkLogging(
      new SQSClient({ region: env.AWS_REGION, ...(env.SQS_ENDPOINT ? { endpoint: env.SQS_ENDPOINT } : {}) }),
    ),
  );
  sqsClients.set(wires, client);
  return client;
};

/** Read again after five minutes, so a rotated provider secret reaches warm containers. */
const secretTtlMs = 5 * 60_000;

/**
 * A secret: a file under .data/ locally, the tenant's Secrets Manager secret in AWS; read on first
 * use (only the functions granted it ever ask), parsed, and cached.
 */
export const secretFrom = <T>(
  env: Env,
  where: { file: string | undefined; secretId: string | undefined; what: string },
  parse: (where: string) => (text: string) => T,
): SecretSource<T> => {
  const { file, secretId, what } = where;
  if (file) return cachedSource(parsedSource(fileText(file), parse(file)), secretTtlMs);
  if (!secretId) return () => Promise.reject(new Error(`no ${what} is configured for this function`));
  const client = traceClient(withoutSdkLogging(new SecretsManagerClient({ region: env.AWS_REGION })));
  return cachedSource(
    parsedSource(secretsManagerText(client, secretId), parse(`secret ${secretId}`)),
    secretTtlMs,
  );
};
