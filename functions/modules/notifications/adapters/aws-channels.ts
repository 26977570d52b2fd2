import type { NotificationChannels, OutgoingMessage } from '../domain/ports.js';

type Send = (message: OutgoingMessage) => Promise<void>;

/**
 * The deployed channels: email (SES) and SMS (SNS). Push has no provider in this stack (it needs
 * device tokens and an app platform), so it answers `unsupported` and the notification completes
 * without it instead of failing every attempt.
 */
export const awsChannels = (email: Send, sms: Send): NotificationChannels => ({
  async send(message) {
    if (message.channel === 'push') return 'unsupported';
    await (message.channel === 'email' ? email : sms)(message);
    return 'sent';
  },
});
