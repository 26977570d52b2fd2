import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';

/**
 * The providers' keys and webhook signing secrets. One Secrets Manager secret per tenant stack
 * (locally a file under .data/); webhook secrets are lists so a rotation can keep the old one
 * valid until the provider has switched.
 */
const secretsSchema = z.object({
  stripe: z
    .object({ apiKey: z.string().min(1), webhookSecrets: z.array(z.string().min(1)).min(1) })
    .optional(),
  razorpay: z
    .object({
      keyId: z.string().min(1),
      keySecret: z.string().min(1),
      webhookSecrets: z.array(z.string().min(1)).min(1),
    })
    .optional(),
});

export type PaymentSecrets = z.infer<typeof secretsSchema>;
export type SecretSource = () => Promise<PaymentSecrets>;

const parse = (text: string | undefined, where: string): PaymentSecrets => {
  const result = secretsSchema.safeParse(JSON.parse(text ?? '{}'));
  // The message names the fields, never their values.
  if (!result.success)
    throw new Error(`payment secrets at ${where} are malformed: ${z.prettifyError(result.error)}`);
  return result.data;
};

export const secretsManagerSource =
  (client: SecretsManagerClient, secretId: string): SecretSource =>
  async () => {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    return parse(SecretString, `secret ${secretId}`);
  };

/** The local runtime's secrets file (under .data/, never committed). */
export const fileSource =
  (path: string): SecretSource =>
  async () =>
    parse(await readFile(path, 'utf8'), path);

/**
 * Read once per container and again after `ttlMs`, so a rotated secret reaches warm containers
 * within minutes without a read per request.
 */
export const cachedSource = (source: SecretSource, ttlMs: number, now = () => Date.now()): SecretSource => {
  let cached: { at: number; value: Promise<PaymentSecrets> } | undefined;
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
