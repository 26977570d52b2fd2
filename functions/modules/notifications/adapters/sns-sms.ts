import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { OutgoingMessage } from '../domain/ports.js';

/** SMS through Amazon SNS direct publish to a phone number; transactional, so it is not throttled as marketing. */
export const snsSms =
  (client: SNSClient) =>
  async (message: Pick<OutgoingMessage, 'to' | 'text'>): Promise<void> => {
    await client.send(
      new PublishCommand({
        PhoneNumber: message.to,
        Message: message.text.slice(0, 1400),
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        },
      }),
    );
  };
