import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { withoutSdkLogging } from '../../../kernel/aws/sdk-logging.js';
import type { Env } from '../../../kernel/env.js';
import { traceClient } from '../../../kernel/tracing.js';
import type { NotificationChannels } from '../domain/ports.js';
import { awsChannels } from './aws-channels.js';
import { localChannels, localDeliveryOf } from './local-delivery-log.js';
import { sesEmail } from './ses-email.js';
import { snsSms } from './sns-sms.js';

/**
 * The channels notifications go out on to an address (email, SMS; push goes through the
 * `pushEndpoints` port). Only the notifications function imports this module, so the SES client
 * is bundled there and nowhere else. SES and SNS have no local engines: the local runtime keeps a
 * delivery log in the table instead.
 */
export const notificationChannelsFor = (env: Env): NotificationChannels => {
  if (env.NOTIFY_MODE !== 'local') {
    return awsChannels(
      sesEmail(
        traceClient(withoutSdkLogging(new SESv2Client({ region: env.AWS_REGION }))),
        env.NOTIFY_FROM_EMAIL,
      ),
      snsSms(traceClient(withoutSdkLogging(new SNSClient({ region: env.AWS_REGION })))),
    );
  }
  return localChannels(...localDeliveryOf(env));
};
