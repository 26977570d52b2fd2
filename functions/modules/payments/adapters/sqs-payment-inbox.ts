import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { PaymentsMessage } from '../contracts/inbox.js';
import type { PaymentInbox } from '../domain/ports.js';

/** Hands a stored receipt to the payments queue; the message names it, the receipt holds the rest. */
export const sqsPaymentInbox = (sqs: SQSClient, queueUrl: string | undefined): PaymentInbox => ({
  async send({ provider, eventId }) {
    if (!queueUrl) throw new Error('the payments queue URL is not configured');
    const message: PaymentsMessage = { type: 'payment.receipt', provider, eventId };
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
  },
});
