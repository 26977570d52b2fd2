import { DeleteItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { operationOf } from '../../functions/kernel/audit/audited-writes.js';
import {
  type ChainedRecord,
  genesisOf,
  linkAfter,
  type SealedRecord,
  verifyChain,
} from '../../functions/modules/audit/domain/audit-chain.js';

const ref = { orgId: 'org_1', day: '2026-12-04', chain: '2' };
const record = (n: number): ChainedRecord => ({
  ...ref,
  recordId: `aud_${n}`,
  at: `2026-12-04T10:00:0${n}.000Z`,
  actorType: 'user',
  actorId: 'u1',
  action: 'updateVenue',
  requestId: `r${n}`,
  targetType: 'venue',
  targetId: 'ven_1',
  change: 'updated',
  fields: ['name'],
  also: [],
  ttl: 1,
});

/** Five records sealed in two runs, as two batches of the stream would. */
const sealedChain = () => {
  const first = linkAfter(genesisOf(ref), [record(2), record(1)]);
  const second = linkAfter(first.head, [record(3), record(4), record(5)]);
  const records: SealedRecord[] = [...first.links, ...second.links].map(({ record: r, link }) => ({
    ...r,
    link,
  }));
  return { records, head: second.head };
};

describe('audit hash chains', () => {
  it('links records in time order after the head, and a chain verifies', () => {
    const { records, head } = sealedChain();
    expect(records.map((r) => [r.recordId, r.link?.seq])).toEqual([
      ['aud_1', 1],
      ['aud_2', 2],
      ['aud_3', 3],
      ['aud_4', 4],
      ['aud_5', 5],
    ]);
    expect(verifyChain(ref, records, head, '2026-12-04T00:00:00.000Z')).toEqual([]);
  });

  it('names an edited record, even when its hash was recomputed', () => {
    const { records, head } = sealedChain();
    const edited = records.map((r) => (r.recordId === 'aud_3' ? { ...r, actorId: 'intruder' } : r));
    expect(verifyChain(ref, edited, head, '')).toEqual([
      expect.objectContaining({ recordId: 'aud_3', problem: 'edited' }),
    ]);
    const rehashed = linkAfter({ seq: 2, lastId: 'aud_2', hash: records[1]?.link?.hash ?? '' }, [
      { ...record(3), actorId: 'intruder' },
    ]).links[0];
    const forged = edited.map((r) =>
      r.recordId === 'aud_3' && rehashed ? { ...r, link: rehashed.link } : r,
    );
    expect(verifyChain(ref, forged, head, '').map((p) => [p.recordId, p.problem])).toEqual([
      ['aud_3', 'unlinked'],
    ]);
  });

  it('names a removed record, and the last ones removed behind the head', () => {
    const { records, head } = sealedChain();
    expect(
      verifyChain(
        ref,
        records.filter((r) => r.recordId !== 'aud_2'),
        head,
        '',
      ).map((p) => [p.recordId, p.problem]),
    ).toEqual([['aud_2', 'removed']]);
    expect(verifyChain(ref, records.slice(0, 3), head, '').map((p) => [p.recordId, p.problem])).toEqual([
      ['aud_5', 'head-mismatch'],
    ]);
  });

  it('counts a record left unsealed only after the grace', () => {
    const { records, head } = sealedChain();
    const late = { ...record(6) };
    expect(verifyChain(ref, [...records, late], head, '2026-12-04T10:00:00.000Z')).toEqual([]);
    expect(verifyChain(ref, [...records, late], head, '2026-12-05T00:00:00.000Z')).toEqual([
      expect.objectContaining({ recordId: 'aud_6', problem: 'unsealed' }),
    ]);
  });
});

describe('the audit writer reads which operation a command runs', () => {
  it('from the command, in either client form (no class identity, which bundling and module copies break)', () => {
    expect(operationOf(new PutCommand({ TableName: 't', Item: {} }))).toBe('PutItem');
    expect(operationOf(new UpdateCommand({ TableName: 't', Key: {} }))).toBe('UpdateItem');
    expect(operationOf(new TransactWriteCommand({ TransactItems: [] }))).toBe('TransactWriteItems');
    expect(operationOf(new BatchWriteCommand({ RequestItems: {} }))).toBe('BatchWriteItem');
    expect(operationOf(new PutItemCommand({ TableName: 't', Item: {} }))).toBe('PutItem');
    expect(operationOf(new DeleteItemCommand({ TableName: 't', Key: {} }))).toBe('DeleteItem');
    expect(operationOf(new TransactWriteItemsCommand({ TransactItems: [] }))).toBe('TransactWriteItems');
    expect(operationOf({ input: {} })).toBeUndefined();
  });
});
