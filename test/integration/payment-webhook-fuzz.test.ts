import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProviderName } from '../../functions/modules/payments/domain/model.js';
import { paymentWorldForFile } from './payment-world.js';

/**
 * The webhook route fuzzed: random bodies (bytes, JSON, provider-shaped events naming a real order)
 * with random, missing or plausible-looking signature headers. None may be a 5xx (storage is
 * healthy here) and none may change anything: no receipt stored, the order and booking as before.
 */

const pw = paymentWorldForFile({ holdWebhooks: false });

/** A small seeded generator, so a failing case can be replayed from the seed in the message. */
const generator = (seed: number) => {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
};

const bodiesFor = (g: ReturnType<typeof generator>, orderMeta: Record<string, string>): string => {
  const kind = g.pick(['bytes', 'text', 'json', 'stripe', 'razorpay', 'empty'] as const);
  if (kind === 'bytes') return randomBytes(Math.floor(g.next() * 512)).toString('latin1');
  if (kind === 'text') return 'not json at all '.repeat(Math.floor(g.next() * 20));
  if (kind === 'empty') return '';
  if (kind === 'json') return JSON.stringify({ random: g.next(), nested: { list: [1, 'two', null] } });
  if (kind === 'stripe') {
    const type = g.pick([
      'payment_intent.succeeded',
      'payment_intent.payment_failed',
      'refund.created',
      'x.y',
    ]);
    const object = {
      id: `pi_fuzz${Math.floor(g.next() * 1e6)}`,
      amount_received: 1,
      currency: 'eur',
      metadata: orderMeta,
    };
    return JSON.stringify({
      id: `evt_fuzz${Math.floor(g.next() * 1e9)}`,
      object: 'event',
      type,
      data: { object },
    });
  }
  const event = g.pick(['payment.captured', 'order.paid', 'refund.processed', 'payment.failed']);
  const payment = { id: 'pay_fuzz', amount: 1, currency: 'INR', order_id: 'order_fuzz', notes: orderMeta };
  return JSON.stringify({ entity: 'event', event, payload: { payment: { entity: payment } } });
};

const headersFor = (
  g: ReturnType<typeof generator>,
  name: ProviderName,
): Record<string, string | undefined> => {
  const hex = randomBytes(32).toString('hex');
  const now = Math.floor(Date.now() / 1000);
  const choice = g.pick(['none', 'garbage', 'plausible', 'empty', 'long'] as const);
  const value =
    choice === 'none'
      ? undefined
      : choice === 'garbage'
        ? randomBytes(24).toString('base64')
        : choice === 'empty'
          ? ''
          : choice === 'long'
            ? 'v1='.repeat(500)
            : name === 'stripe'
              ? `t=${now},v1=${hex}`
              : hex;
  return name === 'stripe'
    ? { 'content-type': g.pick(['application/json', 'text/plain']), 'stripe-signature': value }
    : {
        'content-type': 'application/json',
        'x-razorpay-signature': value,
        'x-razorpay-event-id': g.pick([undefined, 'evt_fuzz']),
      };
};

describe('the webhook route, fuzzed', () => {
  it.each(['stripe', 'razorpay'] as const)(
    '%s: 300 random deliveries, never a 5xx, never a change',
    async (name) => {
      const sale = await pw.sale(name);
      const meta = { orgId: sale.ref.orgId, sessionId: sale.ref.sessionId, bookingId: sale.ref.bookingId };
      const before = await pw.stateOf(sale.ref);
      const receiptsBefore = await pw.receiptCount();
      const seed = Date.now() % 100_000;
      const g = generator(seed);
      const statuses = new Set<number>();
      for (let i = 0; i < 300; i++) {
        const rawBody = Buffer.from(bodiesFor(g, meta), 'latin1');
        const res = await pw.post(name, { rawBody, headers: headersFor(g, name) });
        statuses.add(res.status);
        expect(res.status, `seed ${seed}, case ${i}: ${JSON.stringify(res.json)}`).toBeLessThan(500);
        expect(res.status, `seed ${seed}, case ${i}`).toBeGreaterThanOrEqual(400);
      }
      expect([...statuses].every((s) => s === 400 || s === 413 || s === 422)).toBe(true);
      expect(await pw.receiptCount()).toBe(receiptsBefore);
      expect(await pw.stateOf(sale.ref)).toEqual(before);
    },
    120_000,
  );
});
