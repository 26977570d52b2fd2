import { randomUUID } from 'node:crypto';
import { SNSClient } from '@aws-sdk/client-sns';
import { withoutSdkLogging } from '../../../kernel/aws/sdk-logging.js';
import type { Env } from '../../../kernel/env.js';
import { localDeliveryOf } from './local-delivery-log.js';
import { snsSms } from './sns-sms.js';

/** A text message to an E.164 number that is no organization's notification (a sign-in code). */
export type SendText = (to: string, text: string, type: string) => Promise<void>;

/** `•••• 5678`: what the local console shows of a number (the delivery log keeps it whole). */
const masked = (phone: string): string => `•••• ${phone.slice(-4)}`;

/**
 * The SMS channel for messages outside the outbox: SNS to the number in AWS; locally a line of the
 * local delivery log (`GET /local/outbox`), where the text is read, while the console shows only
 * the type and the last digits (the text may hold a secret, such as a code).
 */
export const textMessagesFor = (env: Env): SendText => {
  if (env.NOTIFY_MODE !== 'local') {
    const sms = snsSms(withoutSdkLogging(new SNSClient({ region: env.AWS_REGION })));
    return (to, text) => sms({ to, text });
  }
  const [log, print, clock] = localDeliveryOf(env);
  return async (to, text, type) => {
    const at = clock().toISOString();
    const deliveryId = `${type}#${randomUUID()}`;
    await log.record({
      deliveryId,
      at,
      channel: 'sms',
      to,
      subject: type,
      text,
      orgId: '-',
      sessionId: '-',
      notificationId: deliveryId,
      type,
    });
    print(`[outbox] ${at} sms to ${masked(to)}: (${type})`);
  };
};
