import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { createDocumentClient } from '../adapters/dynamo/client.js';
import { awsChannels } from '../adapters/notify/aws-channels.js';
import { localChannels, localDeliveryLog } from '../adapters/notify/local-delivery-log.js';
import { sesEmail } from '../adapters/notify/ses-email.js';
import { snsSms } from '../adapters/notify/sns-sms.js';
import type { NotificationChannels } from '../core/notification-ports.js';
import type { Env } from './env.js';
import { tracer } from './observability.js';

/**
 * The channels notifications go out on. Only the notifications function imports this module, so
 * the SES and SNS clients are bundled there and nowhere else. SES and SNS have no local engines:
 * the local runtime keeps a delivery log in the table instead.
 */
export const notificationChannelsFor = (env: Env): NotificationChannels =>
  env.NOTIFY_MODE === 'local'
    ? localChannels(
        localDeliveryLog(
          createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT }),
          env.TABLE_NAME,
        ),
        (line) => {
          if (env.NOTIFY_LOCAL_ECHO === 'on') console.log(line);
        },
        () => new Date(),
      )
    : awsChannels(
        sesEmail(
          tracer.captureAWSv3Client(new SESv2Client({ region: env.AWS_REGION })),
          env.NOTIFY_FROM_EMAIL,
        ),
        snsSms(tracer.captureAWSv3Client(new SNSClient({ region: env.AWS_REGION }))),
      );
