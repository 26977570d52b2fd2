import type { NotificationChannels, OutgoingMessage } from '../domain/ports.js';

type Send = (message: OutgoingMessage) => Promise<void>;

/**
 * The deployed channels to an address: email (SES) and SMS (SNS to a phone number). Push goes to
 * the recipient's devices through the `pushEndpoints` port (sns-push-endpoints.ts).
 */
export const awsChannels = (email: Send, sms: Send): NotificationChannels => ({
  async send(message) {
    await (message.channel === 'email' ? email : sms)(message);
    return 'sent';
  },
});
