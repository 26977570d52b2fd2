import type { _Record as StreamApiRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { FilterPattern } from '../../functions/app/stream-definitions.js';
import { outboxEntity } from '../../functions/modules/notifications/adapters/entities/outbox.js';
import {
  newOutboxItemFilter,
  outboxEntityName,
  pendingItemOf,
  UnreadableOutboxRecord,
} from '../../functions/modules/notifications/adapters/outbox-stream.js';
import { matchesFilter } from '../../scripts/local/event-filter.js';
import { toLambdaRecord } from '../../scripts/local/stream-event.js';

/** The relay's event filter and its reading of a record, on records shaped as Lambda delivers them. */

const outboxImage = {
  pk: { S: 'org_a#session#ses_a#outbox' },
  sk: { S: '2030-01-10T12:00:00.000Z#notify#bkg_1#confirmed' },
  orgId: { S: 'org_a' },
  sessionId: { S: 'ses_a' },
  at: { S: '2030-01-10T12:00:00.000Z' },
  messageId: { S: 'notify#bkg_1#confirmed' },
  kind: { S: 'notification' },
  type: { S: 'booking.confirmed' },
  status: { S: 'pending' },
  handoffs: { N: '1' },
  dueAt: { S: '2030-01-10T12:05:00.000Z' },
  __edb_e__: { S: 'outbox' },
  __edb_v__: { S: '1' },
};

const record = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  image: DynamoDBRecord['dynamodb'],
): DynamoDBRecord => ({
  eventID: 'e1',
  eventName,
  eventSource: 'aws:dynamodb',
  dynamodb: { SequenceNumber: '100', StreamViewType: 'NEW_IMAGE', ...image },
});

const inserted = record('INSERT', { NewImage: outboxImage });

describe('the outbox relay filter', () => {
  it('names the outbox entity as ElectroDB writes it on every item', () => {
    expect(outboxEntityName).toBe(outboxEntity.schema.model.entity);
    expect(outboxEntityName).toBe('outbox');
  });

  it('lets a new outbox item through', () => {
    expect(matchesFilter(newOutboxItemFilter, inserted)).toBe(true);
  });

  it.each([
    [
      'an update of an outbox item',
      record('MODIFY', { NewImage: { ...outboxImage, status: { S: 'sent' } } }),
    ],
    ['a removed outbox item', record('REMOVE', { Keys: { pk: outboxImage.pk, sk: outboxImage.sk } })],
    [
      'a new item of another entity',
      record('INSERT', { NewImage: { ...outboxImage, __edb_e__: { S: 'booking' } } }),
    ],
    ['a new item no entity wrote', record('INSERT', { NewImage: { pk: { S: 'p' }, sk: { S: 's' } } })],
    [
      'a record without its new image',
      record('INSERT', { Keys: { pk: outboxImage.pk, sk: outboxImage.sk } }),
    ],
  ])('keeps out %s', (_, r) => {
    expect(matchesFilter(newOutboxItemFilter, r)).toBe(false);
  });

  it('refuses a rule it cannot apply as Lambda would (prefix, numeric, exists, ...)', () => {
    const prefix = { eventName: [{ prefix: 'INS' }] } as unknown as FilterPattern;
    expect(() => matchesFilter(prefix, inserted)).toThrow(/not an exact value/);
  });
});

describe('the outbox relay reading a record', () => {
  it('reads the pending item from the new image', () => {
    expect(pendingItemOf(inserted)).toEqual({
      orgId: 'org_a',
      sessionId: 'ses_a',
      at: '2030-01-10T12:00:00.000Z',
      messageId: 'notify#bkg_1#confirmed',
      kind: 'notification',
      type: 'booking.confirmed',
      dueAt: '2030-01-10T12:05:00.000Z',
      handoffs: 1,
    });
  });

  it('takes a domain event without hand-offs as due at its commit', () => {
    const { handoffs: _h, dueAt: _d, ...event } = outboxImage;
    const item = pendingItemOf(
      record('INSERT', {
        NewImage: { ...event, kind: { S: 'domain-event' }, type: { S: 'capacity.released' } },
      }),
    );
    expect(item).toMatchObject({ kind: 'domain-event', dueAt: '2030-01-10T12:00:00.000Z', handoffs: 0 });
  });

  it('refuses a record that is not a whole outbox item: the mapping retries it, then dead-letters it', () => {
    const { messageId: _m, ...noId } = outboxImage;
    expect(() => pendingItemOf(record('INSERT', { NewImage: noId }))).toThrow(UnreadableOutboxRecord);
    expect(() => pendingItemOf(record('INSERT', { Keys: { pk: outboxImage.pk } }))).toThrow(
      UnreadableOutboxRecord,
    );
    const oddKind = { ...outboxImage, kind: { S: 'letter' } };
    expect(() => pendingItemOf(record('INSERT', { NewImage: oddKind }))).toThrow(/unknown kind/);
  });
});

describe('stream records as the local runtime hands them on', () => {
  it('takes the JSON shape Lambda delivers: epoch seconds, binaries in base64, the stream ARN', () => {
    const read: StreamApiRecord = {
      eventID: 'e2',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2030-01-10T12:00:00.000Z'),
        Keys: { pk: { S: 'p' } },
        NewImage: { pk: { S: 'p' }, blob: { B: new Uint8Array([1, 2, 3]) }, tags: { L: [{ S: 'a' }] } },
        SequenceNumber: '000000000000000000007',
        SizeBytes: 20,
        StreamViewType: 'NEW_IMAGE',
      },
    };
    const converted = toLambdaRecord(read, 'arn:stream');
    expect(converted).toMatchObject({
      eventSourceARN: 'arn:stream',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: Date.parse('2030-01-10T12:00:00.000Z') / 1000,
        NewImage: { pk: { S: 'p' }, blob: { B: 'AQID' }, tags: { L: [{ S: 'a' }] } },
        SequenceNumber: '000000000000000000007',
      },
    });
  });
});
