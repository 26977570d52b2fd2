import * as z from 'zod';

/** Messages of the payments queue: a stored webhook receipt to apply, or the reconciler's tick. */
export const paymentsMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('payment.receipt'),
    provider: z.enum(['stripe', 'razorpay']),
    eventId: z.string().min(1).max(200),
  }),
  /** The reconciler's tick (an EventBridge schedule; locally a timer). */
  z.object({ type: z.literal('payments.reconcile') }),
]);

export const reconcileMessage: PaymentsMessage = { type: 'payments.reconcile' };

export type PaymentsMessage = z.infer<typeof paymentsMessageSchema>;
