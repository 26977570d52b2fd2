import type { AttributeValue, _Record as StreamApiRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, AttributeValue as LambdaAttributeValue } from 'aws-lambda';
import { LOCAL_REGION } from './aws-local.js';

/**
 * Turns records read with GetRecords into the records the Lambda DynamoDB event source mapping
 * delivers: the stream's JSON shape (binary values in base64, the creation time in epoch
 * seconds), the region and the stream's ARN on each.
 */

type Image = Record<string, AttributeValue>;

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

const toLambdaValue = (value: AttributeValue): LambdaAttributeValue => {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  // S, N, SS, NS, NULL and BOOL read the same in both.
  return value as LambdaAttributeValue;
};

const toLambdaImage = (image: Image): Record<string, LambdaAttributeValue> =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaValue(value)]));

const imageOf = (image: Image | undefined) => (image ? toLambdaImage(image) : undefined);

export const toLambdaRecord = (record: StreamApiRecord, streamArn: string): DynamoDBRecord => {
  const change = record.dynamodb ?? {};
  const created = change.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: LOCAL_REGION,
    dynamodb: {
      ApproximateCreationDateTime: created ? Math.floor(created.getTime() / 1000) : undefined,
      Keys: imageOf(change.Keys),
      NewImage: imageOf(change.NewImage),
      OldImage: imageOf(change.OldImage),
      SequenceNumber: change.SequenceNumber,
      SizeBytes: change.SizeBytes,
      StreamViewType: change.StreamViewType,
    },
    eventSourceARN: streamArn,
  };
};
