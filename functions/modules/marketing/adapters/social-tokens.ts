import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { SocialTokens } from '../domain/ports.js';

/** `<prefix><orgId>/<accountId>`: the prefix names the tenant (e.g. `evently/acme/social/`). */
const nameUnder = (prefix: string) => (orgId: string, accountId: string) => `${prefix}${orgId}/${accountId}`;

/**
 * Tokens as Secrets Manager secrets, one per account, under the tenant's prefix (the functions
 * granted `socialTokens` may create, write, read and delete secrets under it only).
 */
export const secretsManagerSocialTokens = (client: SecretsManagerClient, prefix: string): SocialTokens => ({
  nameOf: nameUnder(prefix),
  async put(name, token) {
    try {
      await client.send(new CreateSecretCommand({ Name: name, SecretString: token }));
    } catch (error) {
      if (!(error instanceof ResourceExistsException)) throw error;
      await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: token }));
    }
  },
  async read(name) {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: name }));
    return SecretString ?? '';
  },
  async remove(name) {
    try {
      // At once: a deleted account's token must not outlive it in a recovery window.
      await client.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  },
});

/**
 * The local stand-in: one file per secret in a folder under .data/ (or a temporary one), never in
 * the table. The secret's name, slashes made dashes, is the file's.
 */
export const fileSocialTokens = (dir: string, prefix = 'local/social/'): SocialTokens => {
  const fileOf = (name: string) => join(dir, `${name.replaceAll('/', '-')}.secret`);
  return {
    nameOf: nameUnder(prefix),
    async put(name, token) {
      await mkdir(dir, { recursive: true });
      await writeFile(fileOf(name), token, { mode: 0o600 });
    },
    read: (name) => readFile(fileOf(name), 'utf8'),
    async remove(name) {
      await rm(fileOf(name), { force: true });
    },
  };
};
