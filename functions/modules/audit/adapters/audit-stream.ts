import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { auditRecordEntityName } from '../../../kernel/audit/audit-item.js';
import type { ChainedRecord } from '../domain/audit-chain.js';

/** Lambda's event filter for new audit records (the sealer links each into its chain). */
export const newAuditRecordFilter = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { __edb_e__: { S: [auditRecordEntityName] } } },
} as const;

type Image = Record<string, AttributeValue>;

export const isAuditRecord = (record: DynamoDBRecord): boolean =>
  record.eventName === 'INSERT' && record.dynamodb?.NewImage?.__edb_e__?.S === auditRecordEntityName;

const text = (image: Image, name: string): string => {
  const value = image[name]?.S;
  if (value === undefined) throw new Error(`audit record image without \`${name}\``);
  return value;
};

const list = (image: Image, name: string): string[] => (image[name]?.L ?? []).map((v) => v.S ?? '');

/** The record a new audit record's stream image carries, as its hash covers it. */
export const chainedRecordOf = (record: DynamoDBRecord): ChainedRecord => {
  const image = record.dynamodb?.NewImage;
  if (!image) throw new Error(`stream record ${record.eventID ?? '?'} has no new image`);
  return {
    orgId: text(image, 'orgId'),
    recordId: text(image, 'recordId'),
    at: text(image, 'at'),
    day: text(image, 'day'),
    chain: text(image, 'chain'),
    actorType: text(image, 'actorType'),
    actorId: text(image, 'actorId'),
    actorRole: image.actorRole?.S,
    action: text(image, 'action'),
    requestId: image.requestId?.S,
    targetType: text(image, 'targetType'),
    targetId: text(image, 'targetId'),
    change: text(image, 'change'),
    fields: list(image, 'fields'),
    also: list(image, 'also'),
    details: image.details?.S,
    ttl: Number(image.ttl?.N ?? 0),
  };
};
