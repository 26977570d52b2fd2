import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { PaymentSecrets } from '../../functions/modules/payments/adapters/payment-secrets.js';
import { type LocalPaymentProvider, startLocalPaymentProvider } from './payment-provider/index.js';

/** Where `npm start` keeps the providers' keys: the local stand-in for the tenant's secret. */
const DEFAULT_SECRETS_FILE = resolve(import.meta.dirname, '../../.data/payment-secrets.json');

export interface LocalPayments {
  provider: LocalPaymentProvider;
  /** The function environment that points the payments module at the stand-in. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

const random = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;

/**
 * The local payment provider with fresh keys for this run, and the secrets file the functions read
 * them from (under .data/, or a temporary folder when nothing may be written there). Webhooks go
 * to `webhookTarget` once the HTTP server is up (`provider.setWebhookTarget`).
 */
export const startLocalPayments = async (options: {
  inMemory?: boolean | undefined;
  retry?: { attempts: number; baseDelayMs: number };
}): Promise<LocalPayments> => {
  const stripe = { apiKey: random('sk_test_local_'), webhookSecret: random('whsec_local_') };
  const razorpay = {
    keyId: random('rzp_test_local_'),
    keySecret: random('local_secret_'),
    webhookSecret: random('local_whsec_'),
  };
  const secrets: PaymentSecrets = {
    stripe: { apiKey: stripe.apiKey, webhookSecrets: [stripe.webhookSecret] },
    razorpay: {
      keyId: razorpay.keyId,
      keySecret: razorpay.keySecret,
      webhookSecrets: [razorpay.webhookSecret],
    },
  };
  const folder = options.inMemory ? await mkdtemp(join(tmpdir(), 'evently-payments-')) : undefined;
  const file = folder ? join(folder, 'payment-secrets.json') : DEFAULT_SECRETS_FILE;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
  const provider = await startLocalPaymentProvider({
    webhookTarget: 'http://127.0.0.1:9',
    stripe,
    razorpay,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  return {
    provider,
    env: {
      PAYMENT_PROVIDERS: 'stripe,razorpay',
      PAYMENT_SECRETS_FILE: file,
      PAYMENT_LOCAL_PROVIDER_URL: provider.baseUrl,
    },
    stop: async () => {
      await provider.close();
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
};
