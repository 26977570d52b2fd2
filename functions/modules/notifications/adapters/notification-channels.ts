import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { withoutSdkLogging } from '../../../kernel/aws/sdk-logging.js';
import { createDocumentClient } from '../../../kernel/dynamo/client.js';
import type { Env } from '../../../kernel/env.js';
import { traceClient } from '../../../kernel/tracing.js';
import type { NotificationChannels } from '../domain/ports.js';
import { awsChannels } from './aws-channels.js';
import { localChannels, localDeliveryLog } from './local-delivery-log.js';
import { sesEmail } from './ses-email.js';
import { pushEndpointsOf, snsPush } from './sns-push.js';
import { snsSms } from './sns-sms.js';

/**
 * The channels notifications go out on. Only the notifications function imports this module, so
 * the SES and SNS clients are bundled there and nowhere else. SES and SNS have no local engines:
 * the local runtime keeps a delivery log in the table instead.
 */
export const notificationChannelsFor = (env: Env): NotificationChannels => {
  if (env.NOTIFY_MODE !== 'local') {
    const sns = traceClient(withoutSdkLogging(new SNSClient({ region: env.AWS_REGION })));
    const documents = createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT });
    return awsChannels(
      sesEmail(
        traceClient(withoutSdkLogging(new SESv2Client({ region: env.AWS_REGION }))),
        env.NOTIFY_FROM_EMAIL,
      ),
      snsSms(sns),
      snsPush(sns, pushEndpointsOf(documents, env.TABLE_NAME)),
    );
  }
  return localChannels(
    localDeliveryLog(
      createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT }),
      env.TABLE_NAME,
    ),
    (line) => {
      if (env.NOTIFY_LOCAL_ECHO === 'on') console.log(line);
    },
    () => new Date(),
  );
};
