import { DomainError } from '../../../kernel/domain/errors.js';
import type { ProviderName } from '../domain/model.js';
import type { PaymentProvider, PaymentProviders } from '../domain/ports.js';
import type { PaymentSecrets, SecretSource } from './payment-secrets.js';
import type { ProviderEndpoint } from './stripe-provider.js';

const notConfigured = (name: ProviderName) =>
  new DomainError('NOT_FOUND', `payments through ${name} are not turned on for this tenant`);

/**
 * The SDKs are loaded on first use: every function's container holds this registry, and only the
 * payments function ever asks it for a provider, so no other cold start pays for them.
 */
const build = async (name: ProviderName, all: PaymentSecrets, endpoint: ProviderEndpoint) => {
  if (name === 'stripe') {
    return all.stripe && (await import('./stripe-provider.js')).stripeProvider(all.stripe, endpoint);
  }
  return all.razorpay && (await import('./razorpay-provider.js')).razorpayProvider(all.razorpay, endpoint);
};

/**
 * The tenant's providers: which are on comes from its configuration, their keys from its secret.
 * A provider is built on first use and again once the secret was read anew (after a rotation).
 */
export const providerRegistry = (
  enabled: readonly ProviderName[],
  secrets: SecretSource,
  endpoint: ProviderEndpoint,
): PaymentProviders => {
  const built = new Map<ProviderName, { from: PaymentSecrets; provider: PaymentProvider }>();
  return {
    enabled: () => enabled,
    async get(name) {
      if (!enabled.includes(name)) throw notConfigured(name);
      const all = await secrets();
      const known = built.get(name);
      if (known?.from === all) return known.provider;
      const provider = await build(name, all, endpoint);
      if (!provider)
        throw new Error(`payments through ${name} are on but the tenant secret has no ${name} keys`);
      built.set(name, { from: all, provider });
      return provider;
    },
  };
};
