import type { Deps } from '../../../kernel/domain/deps.js';
import type { ProviderName } from './model.js';
import type { WebhookInput } from './ports.js';
import { orderOf, type WebhookReceipt } from './provider-events.js';

export interface WebhookAnswer {
  received: true;
  /** The provider sent this event before (a retry or a duplicate): nothing new was stored. */
  duplicate: boolean;
}

/**
 * A provider's webhook: the signature is checked over the raw bytes first (nothing unsigned is
 * stored), then the receipt is stored under the provider's event id, then handed to the inbox.
 * Only then does the provider get its 2xx: when storing fails the provider retries, and a receipt
 * stored but not yet applied is handed again by each retry (and by the reconciler), so none is lost.
 */
export const receiveWebhook = async (
  deps: Pick<Deps, 'clock' | 'paymentInbox' | 'paymentProviders' | 'receipts'>,
  provider: ProviderName,
  input: WebhookInput,
): Promise<WebhookAnswer> => {
  const event = await (await deps.paymentProviders.get(provider)).verifyWebhook(input);
  const at = deps.clock.now().toISOString();
  const receipt: WebhookReceipt = {
    ...event,
    status: event.effect.kind === 'ignored' ? 'ignored' : 'received',
    error: null,
    orgId: orderOf(event.effect)?.orgId ?? null,
    handoffs: 0,
    receivedAt: at,
    updatedAt: at,
  };
  const { receipt: stored, created } = await deps.receipts.record(receipt);
  if (stored.status === 'received') await deps.paymentInbox.send(stored);
  return { received: true, duplicate: !created };
};
