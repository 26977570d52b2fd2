import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { OutgoingMessage } from '../domain/ports.js';

/** Email through Amazon SES (v2 API), plain text, from the stack's verified sender identity. */
export const sesEmail =
  (client: SESv2Client, from: string | undefined) =>
  async (message: OutgoingMessage): Promise<void> => {
    if (!from) throw new Error('no sender address is configured for email (NOTIFY_FROM_EMAIL)');
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
          },
        },
      }),
    );
  };
