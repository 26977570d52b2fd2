import type { NotificationChannels, OutgoingMessage } from '../domain/ports.js';

type Send = (message: OutgoingMessage) => Promise<void>;
type Push = (message: OutgoingMessage) => Promise<'sent' | 'unsupported'>;

/**
 * The deployed channels: email (SES), SMS (SNS to a phone number) and push (SNS mobile push to the
 * recipient user's registered endpoints). A recipient without a push endpoint answers
 * `unsupported` and the notification completes without it instead of failing every attempt.
 */
export const awsChannels = (email: Send, sms: Send, push: Push): NotificationChannels => ({
  async send(message) {
    if (message.channel === 'push') return push(message);
    await (message.channel === 'email' ? email : sms)(message);
    return 'sent';
  },
});
