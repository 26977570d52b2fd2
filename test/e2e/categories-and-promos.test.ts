import { describe, expect, it, vi } from 'vitest';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';
import { publishedSession } from './http-world.js';

/**
 * Ticket categories and a promo code over HTTP on the local runtime: a party of two categories
 * booked with a code, its quote line by line (tickets, discount, tax, fee), paid through the local
 * Stripe stand-in, the code used up for the next buyer, and its use given back when an unpaid
 * booking is cancelled.
 */

const FEE = { PLATFORM_FEE_BPS: '250', PLATFORM_FEE_FIXED_MINOR: '30' };

interface Line {
  kind: string;
  name: string;
  categoryId?: string | null;
  amount: number;
}
interface Booking {
  bookingId: string;
  status: string;
  paymentStatus: string;
  seats: number;
  tickets: { categoryId: string; name: string; seats: number; unitAmount: number; currency: string }[];
  discount: { code: string; kind: string; percent?: number } | null;
}
interface PaymentStart {
  order: {
    quote: { lines: Line[]; subtotal: number; fee: number; total: number; tax: { amount: number } | null };
  };
  checkout: { providerOrderId: string };
}

const ok = <T>(res: ApiResponse<T>, status: number): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

const rt = useLocalRuntime({ env: FEE });

describe('ticket categories and promo codes over HTTP', () => {
  it('books two categories with a code, quotes each line, is paid; the code is then used up, and given back on a cancellation', async () => {
    const token = await rt.mintToken({ sub: 'cat-owner', email: 'owner@cat.example', name: 'Owner' });
    const w = await publishedSession(rt, token, {
      orgName: 'Categories',
      event: {
        title: 'Gala',
        defaultCapacity: 10,
        price: { kind: 'paid', amountMinor: 2000, currency: 'EUR' },
      },
      session: { startsAt: '2027-05-10T19:00' },
    });
    ok(
      await rt.call('PATCH', `/v1/orgs/${w.orgId}`, {
        token,
        body: { settings: { tax: { name: 'VAT', ratePercent: 19, number: 'DE123456789' } } },
      }),
      200,
    );
    const eventPath = `/v1/orgs/${w.orgId}/events/${w.eventId}`;
    const vip = ok(
      await rt.call<{ categoryId: string }>('POST', `${eventPath}/categories`, {
        token,
        body: { name: 'VIP', priceMinor: 5000, currency: 'EUR', quota: 2 },
      }),
      201,
    );
    const std = ok(
      await rt.call<{ categoryId: string }>('POST', `${eventPath}/categories`, {
        token,
        body: { name: 'Standard', priceMinor: 2000, currency: 'EUR' },
      }),
      201,
    );
    const listed = ok(
      await rt.call<{ items: { name: string }[] }>('GET', `${eventPath}/categories`, { token }),
      200,
    );
    expect(listed.items.map((c) => c.name)).toEqual(['VIP', 'Standard']);
    ok(
      await rt.call('POST', `${eventPath}/promo-codes`, {
        token,
        body: { code: 'spring', kind: 'percent', percent: 25, categoryIds: [std.categoryId], maxUses: 1 },
      }),
      201,
    );
    const attendee = async (firstName: string) =>
      ok(
        await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${w.orgId}/attendees`, {
          token,
          body: { firstName, lastName: 'Guest', email: `${firstName.toLowerCase()}@cat.example` },
        }),
        201,
      ).attendeeId;
    const bookingsPath = `/v1/orgs/${w.orgId}/sessions/${w.sessionId}/bookings`;
    const book = (body: Record<string, unknown>) => rt.call<Booking>('POST', bookingsPath, { token, body });

    const ada = await attendee('Ada');
    const held = ok(
      await book({
        attendeeId: ada,
        tickets: [
          { categoryId: vip.categoryId, seats: 1 },
          { categoryId: std.categoryId, seats: 2 },
        ],
        promoCode: 'Spring',
      }),
      201,
    );
    expect(held).toMatchObject({
      status: 'held',
      seats: 3,
      discount: { code: 'SPRING', kind: 'percent', percent: 25 },
    });
    expect(held.tickets.map((t) => [t.name, t.seats, t.unitAmount])).toEqual([
      ['VIP', 1, 5000],
      ['Standard', 2, 2000],
    ]);

    const start = ok(
      await rt.call<PaymentStart>('POST', `${bookingsPath}/${held.bookingId}/payment`, {
        token,
        body: { provider: 'stripe' },
      }),
      200,
    );
    const { quote } = start.order;
    // 5000 + 2 x 2000 = 9000; 25 % off Standard's 4000 = 1000; VAT 19 % of 8000 = 1520; fee 2.5 % of 8000 + 30 = 230.
    expect(quote.lines.map((l) => [l.kind, l.name, l.amount])).toEqual([
      ['ticket', 'VIP', 5000],
      ['ticket', 'Standard', 4000],
      ['discount', 'Standard', -1000],
      ['tax', 'VAT', 1520],
      ['fee', 'Platform fee', 230],
    ]);
    expect(quote).toMatchObject({ subtotal: 8000, tax: { amount: 1520 }, fee: 230, total: 9750 });
    expect(quote.lines.reduce((n, l) => n + l.amount, 0)).toBe(quote.total);

    rt.runtime.paymentProvider.pay('stripe', start.checkout.providerOrderId);
    await vi.waitFor(
      async () => {
        const b = ok(await rt.call<Booking>('GET', `${bookingsPath}/${held.bookingId}`, { token }), 200);
        expect(b).toMatchObject({ status: 'confirmed', paymentStatus: 'paid' });
      },
      { timeout: 10_000, interval: 100 },
    );

    // The code had one use: the next buyer is refused, and their booking leaves nothing taken.
    const ben = await attendee('Ben');
    const refused = await book({
      attendeeId: ben,
      tickets: [{ categoryId: std.categoryId, seats: 1 }],
      promoCode: 'SPRING',
    });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.json).toMatchObject({ code: 'PROMO_CODE_USED_UP' });
    // VIP's quota of 2 has one place left.
    const tooMany = await book({ attendeeId: ben, tickets: [{ categoryId: vip.categoryId, seats: 2 }] });
    expect(tooMany.status, tooMany.text).toBe(409);
    expect(tooMany.json).toMatchObject({ code: 'CATEGORY_SOLD_OUT', details: { left: 1 } });
    const unknownCode = await book({
      attendeeId: ben,
      tickets: [{ categoryId: std.categoryId, seats: 1 }],
      promoCode: 'NOPE',
    });
    expect(unknownCode.status).toBe(422);
    expect(unknownCode.json).toMatchObject({ errors: [{ field: 'promoCode' }] });

    // A second code, used by an unpaid booking that is then cancelled: its use comes back.
    ok(
      await rt.call('POST', `${eventPath}/promo-codes`, {
        token,
        body: { code: 'ONCE', kind: 'fixed', amountMinor: 500, maxUses: 1 },
      }),
      201,
    );
    const first = ok(
      await book({ attendeeId: ben, tickets: [{ categoryId: std.categoryId, seats: 1 }], promoCode: 'ONCE' }),
      201,
    );
    ok(await rt.call('POST', `${bookingsPath}/${first.bookingId}/cancel`, { token, body: {} }), 200);
    const code = ok(await rt.call<{ used: number }>('GET', `${eventPath}/promo-codes/ONCE`, { token }), 200);
    expect(code.used).toBe(0);
    const cyd = await attendee('Cyd');
    const again = ok(
      await book({ attendeeId: cyd, tickets: [{ categoryId: std.categoryId, seats: 1 }], promoCode: 'once' }),
      201,
    );
    expect(again.discount).toMatchObject({ code: 'ONCE', kind: 'fixed' });
  });
});
