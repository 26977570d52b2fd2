import { createHmac } from 'node:crypto';

/**
 * The signature of a delivery (docs/webhooks.md, "Verify a delivery"): HMAC-SHA256 with the
 * subscription's secret over `${timestamp}.${body}`, hex, in
 * `Evently-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]` (one `v1` per active secret: two while
 * a rotated-out secret still signs).
 */
export const signatureHeader = 'Evently-Signature';
export const eventIdHeader = 'Evently-Event-Id';
export const eventTypeHeader = 'Evently-Event-Type';

export const signPayload = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export const signatureValue = (secrets: readonly string[], timestamp: number, body: string): string =>
  [`t=${timestamp}`, ...secrets.map((s) => `v1=${signPayload(s, timestamp, body)}`)].join(',');

export const deliveryHeaders = (
  delivery: { eventId: string; eventType: string; body: string },
  secrets: readonly string[],
  nowMs: number,
): Record<string, string> => ({
  'content-type': 'application/json',
  'user-agent': 'Evently-Webhooks/1',
  [signatureHeader]: signatureValue(secrets, Math.floor(nowMs / 1000), delivery.body),
  [eventIdHeader]: delivery.eventId,
  [eventTypeHeader]: delivery.eventType,
});
