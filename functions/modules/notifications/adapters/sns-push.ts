import type { SNSClient } from '@aws-sdk/client-sns';
import { PublishCommand } from '@aws-sdk/client-sns';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OutgoingMessage } from '../domain/ports.js';

/**
 * The SNS mobile-push endpoints (platform endpoint ARNs) registered for a user: items
 * `pk = user#${userId}#push-endpoints`, `sk = endpoint#${endpointArn}`, attribute `endpointArn`.
 * The registration of devices (creating the platform endpoint from an app's device token) is not
 * built yet, so none exist until it is (docs/notifications.md).
 */
export const pushEndpointsOf =
  (client: DynamoDBDocumentClient, table: string) =>
  async (userId: string): Promise<string[]> => {
    const out = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `user#${userId}#push-endpoints` },
        ProjectionExpression: 'endpointArn',
        Limit: 10,
      }),
    );
    return (out.Items ?? []).map((i) => i.endpointArn).filter((a): a is string => typeof a === 'string');
  };

/**
 * Push through SNS mobile push: a publish to each endpoint registered for the recipient user
 * (`message.to`). No endpoint: `unsupported` (nothing to send to; the notification completes
 * without it). The payload is the platform-neutral default message (title and text).
 */
export const snsPush =
  (client: SNSClient, endpointsOf: (userId: string) => Promise<string[]>) =>
  async (message: OutgoingMessage): Promise<'sent' | 'unsupported'> => {
    const endpoints = await endpointsOf(message.to);
    if (endpoints.length === 0) return 'unsupported';
    for (const endpoint of endpoints)
      await client.send(
        new PublishCommand({
          TargetArn: endpoint,
          Subject: message.subject.slice(0, 99),
          Message: message.text.slice(0, 2000),
        }),
      );
    return 'sent';
  };
