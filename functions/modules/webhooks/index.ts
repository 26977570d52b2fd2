/** The webhooks module's entry: what other modules may use of it (the automations' webhook action). */

export { checkEndpointUrl } from './domain/endpoint-url.js';
export { type WebhookEventType, webhookEventTypes } from './domain/model.js';
export type { WebhookStore } from './domain/ports.js';
export { deliveryHeaders } from './domain/signing.js';
