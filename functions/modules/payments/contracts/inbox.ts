import * as z from 'zod';

/** Messages of the payments queue: a stored webhook receipt to apply. */
export const paymentsMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('payment.receipt'),
    provider: z.enum(['stripe', 'razorpay']),
    eventId: z.string().min(1).max(200),
  }),
]);

export type PaymentsMessage = z.infer<typeof paymentsMessageSchema>;
