import * as z from 'zod';
import type { SecretSource as KernelSource } from '../../../kernel/aws/secrets.js';

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
export type SecretSource = KernelSource<PaymentSecrets>;

/** The secret's text parsed; the message names the fields, never their values. */
export const parsePaymentSecrets =
  (where: string) =>
  (text: string): PaymentSecrets => {
    const result = secretsSchema.safeParse(JSON.parse(text || '{}'));
    if (!result.success)
      throw new Error(`payment secrets at ${where} are malformed: ${z.prettifyError(result.error)}`);
    return result.data;
  };
