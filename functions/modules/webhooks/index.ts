/** The webhooks module's entry: what other modules may use of it (nothing imports it today). */
export { type WebhookEventType, webhookEventTypes } from './domain/model.js';
export type { WebhookStore } from './domain/ports.js';
