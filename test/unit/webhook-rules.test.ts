import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveWebhookSecret } from '../../functions/modules/webhooks/adapters/webhook-keys.js';
import { checkEndpointUrl } from '../../functions/modules/webhooks/domain/endpoint-url.js';
import {
  backoffMs,
  comparePositions,
  defaultWebhookPolicy,
  subscribes,
} from '../../functions/modules/webhooks/domain/model.js';
import { deliveryHeaders, signatureValue } from '../../functions/modules/webhooks/domain/signing.js';
import { verifyEventlySignature } from '../support/webhook-receiver.js';

describe('webhook rules', () => {
  it('backs off 10 s, 20 s, 40 s, ... and never more than an hour between attempts', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(defaultWebhookPolicy, n))).toEqual([
      10_000, 20_000, 40_000, 80_000,
    ]);
    expect(backoffMs(defaultWebhookPolicy, 20)).toBe(3_600_000);
  });

  it('orders deliveries by when their event occurred, then by event id', () => {
    const a = { occurredAt: '2026-12-04T10:00:00.000Z', eventId: 'b' };
    const b = { occurredAt: '2026-12-04T10:00:00.000Z', eventId: 'c' };
    const c = { occurredAt: '2026-12-04T10:00:01.000Z', eventId: 'a' };
    expect([c, b, a].sort(comparePositions)).toEqual([a, b, c]);
  });

  it('matches the subscribed types, and every type for *', () => {
    expect(subscribes({ eventTypes: ['booking.confirmed'] }, 'booking.confirmed')).toBe(true);
    expect(subscribes({ eventTypes: ['booking.confirmed'] }, 'booking.cancelled')).toBe(false);
    expect(subscribes({ eventTypes: ['*'] }, 'session.cancelled')).toBe(true);
  });

  it('takes https endpoints, and plain http only to this machine where allowed', () => {
    const deployed = { allowLocalHttp: false };
    const local = { allowLocalHttp: true };
    expect(checkEndpointUrl('https://crm.example.com/hook', deployed)).toBe('https://crm.example.com/hook');
    for (const url of ['http://localhost:4000/h', 'http://127.0.0.1/h']) {
      expect(checkEndpointUrl(url, local)).toBe(url);
      expect(() => checkEndpointUrl(url, deployed)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
    for (const url of [
      'http://crm.example.com/h',
      'ftp://x.example/h',
      'https://u:p@x.example/h',
      'not a url',
      // Private, loopback, link-local and local-network hosts, over https too.
      'https://10.0.0.8/h',
      'https://172.20.1.1/h',
      'https://192.168.1.10/h',
      'https://169.254.169.254/latest',
      'https://[fd00::1]/h',
      'https://[::ffff:10.1.2.3]/h',
      'https://printer.local/h',
      'https://db.internal/h',
    ])
      expect(() => checkEndpointUrl(url, local)).toThrow(
        expect.objectContaining({ details: { errors: [expect.objectContaining({ field: 'url' })] } }),
      );
  });

  it('signs HMAC-SHA256 over `${t}.${body}`, one v1 per active secret, as the recipe verifies', () => {
    const body = '{"id":"e1"}';
    const t = 1_764_842_400;
    const one = signatureValue(['s1'], t, body);
    expect(one).toBe(`t=${t},v1=${createHmac('sha256', 's1').update(`${t}.${body}`).digest('hex')}`);
    const two = signatureValue(['s1', 's2'], t, body);
    expect(verifyEventlySignature(two, body, 's1', t).ok).toBe(true);
    expect(verifyEventlySignature(two, body, 's2', t + 300).ok).toBe(true);
    expect(verifyEventlySignature(two, body, 's2', t + 301).ok).toBe(false);
    const headers = deliveryHeaders(
      { eventId: 'e1', eventType: 'booking.confirmed', body },
      ['s1'],
      t * 1000,
    );
    expect(headers).toMatchObject({ 'Evently-Event-Id': 'e1', 'Evently-Event-Type': 'booking.confirmed' });
    expect(headers['Evently-Signature']).toBe(one);
  });

  it("derives each subscription's secret from the tenant's seed and its key id", () => {
    const ref = { orgId: 'org_a', subscriptionId: 'whs_a', keyId: 'whk_1' };
    const secret = deriveWebhookSecret('seed-one', ref);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(deriveWebhookSecret('seed-one', ref)).toBe(secret);
    expect(deriveWebhookSecret('seed-one', { ...ref, keyId: 'whk_2' })).not.toBe(secret);
    expect(deriveWebhookSecret('seed-two', ref)).not.toBe(secret);
  });
});
