import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * Where a secret's text comes from: the tenant's Secrets Manager secret in AWS, a file under
 * .data/ locally (never committed). Modules parse the text into their own shape.
 */
export type SecretSource<T> = () => Promise<T>;

export const secretsManagerText =
  (client: SecretsManagerClient, secretId: string): SecretSource<string> =>
  async () => {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    return SecretString ?? '';
  };

export const fileText =
  (path: string): SecretSource<string> =>
  () =>
    readFile(path, 'utf8');

/** The text parsed; `parse` names where it came from in its errors, never the values. */
export const parsedSource =
  <T>(text: SecretSource<string>, parse: (text: string) => T): SecretSource<T> =>
  async () =>
    parse(await text());

/**
 * Read once per container and again after `ttlMs`, so a rotated secret reaches warm containers
 * within minutes without a read per request.
 */
export const cachedSource = <T>(
  source: SecretSource<T>,
  ttlMs: number,
  now = () => Date.now(),
): SecretSource<T> => {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!cached || now() - cached.at > ttlMs) {
      const value = source();
      cached = { at: now(), value };
      // A failed read is not kept: the next call tries again.
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };
};
