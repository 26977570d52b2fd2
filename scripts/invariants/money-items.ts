import * as z from 'zod';
import { type Kind, kind } from './item-kind.js';

/**
 * The payments module's items in a session's payments partition, as the money checks read them:
 * orders (one per booking), the provider's movements of money, and refunds asked of it.
 */

export const moneyEntityNames = {
  order: 'paymentOrder',
  transaction: 'paymentTransaction',
  refund: 'refundRequest',
} as const;

const ofBooking = { orgId: z.string(), sessionId: z.string(), bookingId: z.string(), orderId: z.string() };

/** The quote is stored as JSON; the checks need only what the buyer pays. */
const quoteSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'quote is not JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.object({ total: z.number() }));

const orderSchema = z.object({
  ...ofBooking,
  status: z.enum(['pending', 'paid', 'failed', 'expired', 'partially_refunded', 'refunded']),
  paidAmount: z.number(),
  refundedAmount: z.number(),
  refundPending: z.number(),
  quote: quoteSchema,
  review: z.enum(['late_payment']).optional(),
  updatedAt: z.string(),
});

const transactionSchema = z.object({
  ...ofBooking,
  kind: z.enum(['payment', 'refund', 'chargeback']),
  providerTransactionId: z.string(),
  amount: z.number(),
});

const refundSchema = z.object({
  ...ofBooking,
  requestId: z.string(),
  amount: z.number(),
  status: z.enum(['requested', 'succeeded', 'failed']),
});

export type OrderItem = z.infer<typeof orderSchema>;
export type TransactionItem = z.infer<typeof transactionSchema>;
export type RefundItem = z.infer<typeof refundSchema>;

export const moneyKinds: [string, Kind][] = [
  [
    moneyEntityNames.order,
    kind(orderSchema, (s, v) => {
      s.orders ??= [];
      s.orders.push(v);
    }),
  ],
  [
    moneyEntityNames.transaction,
    kind(transactionSchema, (s, v) => {
      s.transactions ??= [];
      s.transactions.push(v);
    }),
  ],
  [
    moneyEntityNames.refund,
    kind(refundSchema, (s, v) => {
      s.refunds ??= [];
      s.refunds.push(v);
    }),
  ],
];
