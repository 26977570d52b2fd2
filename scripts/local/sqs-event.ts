import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttribute, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { LOCAL_REGION } from './aws-local.js';

/** Turns messages from ReceiveMessage into the event the Lambda SQS event source mapping delivers. */

const toLambdaAttribute = (value: MessageAttributeValue): SQSMessageAttribute => ({
  stringValue: value.StringValue,
  binaryValue: value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : undefined,
  stringListValues: value.StringListValues ?? [],
  binaryListValues: (value.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
  dataType: value.DataType ?? 'String',
});

const toLambdaAttributes = (message: Message): SQSMessageAttributes =>
  Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, toLambdaAttribute(value)]),
  );

const toRecord = (message: Message, queueArn: string): SQSRecord => {
  const attributes = message.Attributes ?? {};
  const now = String(Date.now());
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ...attributes,
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? now,
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? now,
    },
    messageAttributes: toLambdaAttributes(message),
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: LOCAL_REGION,
  };
};

export const toSqsEvent = (messages: Message[], queueArn: string): SQSEvent => ({
  Records: messages.map((m) => toRecord(m, queueArn)),
});
