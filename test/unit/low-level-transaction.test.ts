import { DynamoDBClient, type TransactWriteItem, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/kernel/domain/errors.js';
import { commitTransactItems } from '../../functions/kernel/dynamo/low-level-transaction.js';
import { transactionRetry } from '../../functions/kernel/dynamo/retry.js';
import type { TxPart } from '../../functions/kernel/dynamo/transactions.js';

/**
 * commitTransactItems answers a cancelled transaction as commitTransaction does (the shared
 * `cancelledOutcome`) and sends one cancelled only by conflicts or throttles again. DynamoDB Local
 * produces neither, so the client is mocked here; test/integration/booking-tx-items.test.ts
 * covers the real conditions.
 */

const client = new DynamoDBClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const mock = mockClient(client);
afterAll(() => {
  mock.restore();
  client.destroy();
});
beforeEach(() => mock.reset());

const cancelled = (...codes: string[]) =>
  Object.assign(new Error(`Transaction cancelled [${codes.join(', ')}]`), {
    name: 'TransactionCanceledException',
    // DynamoDB leaves out the code of an item that did not fail.
    CancellationReasons: codes.map((code) => (code === 'None' ? {} : { Code: code })),
    $metadata: { httpStatusCode: 400 },
  });

const sdkError = (name: string) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 } });

const items: TransactWriteItem[] = [
  {
    ConditionCheck: { TableName: 't', Key: { pk: { S: 'a' } }, ConditionExpression: 'attribute_exists(pk)' },
  },
  {
    ConditionCheck: { TableName: 't', Key: { pk: { S: 'b' } }, ConditionExpression: 'attribute_exists(pk)' },
  },
  {
    ConditionCheck: { TableName: 't', Key: { pk: { S: 'c' } }, ConditionExpression: 'attribute_exists(pk)' },
  },
];
const stale = new DomainError('CONFLICT', 'b changed');
const parts: TxPart<'a' | 'b' | 'c'>[] = [
  { label: 'a', fails: 'refused' },
  { label: 'b', fails: stale },
  { label: 'c' },
];
const commit = () => commitTransactItems(client, items, parts);

describe('commitTransactItems', () => {
  it('sends the items as one TransactWriteItems and answers committed', async () => {
    mock.on(TransactWriteItemsCommand).resolves({});
    expect(await commit()).toEqual({ committed: true, failed: new Set() });
    const calls = mock.commandCalls(TransactWriteItemsCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({ TransactItems: items });
  });

  it('answers a refused condition with every failed label', async () => {
    mock
      .on(TransactWriteItemsCommand)
      .rejects(cancelled('ConditionalCheckFailed', 'None', 'ConditionalCheckFailed'));
    expect(await commit()).toEqual({ committed: false, failed: new Set(['a', 'c']) });
  });

  it("throws a failed item's own error when it is the first with a meaning", async () => {
    mock.on(TransactWriteItemsCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None'));
    await expect(commit()).rejects.toBe(stale);
  });

  it('throws for a failed condition that has no meaning', async () => {
    mock.on(TransactWriteItemsCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed'));
    await expect(commit()).rejects.toThrow('transaction cancelled: None, None, ConditionalCheckFailed');
  });

  it('sends a transaction cancelled by a conflict again, and answers the attempt that passed', async () => {
    mock
      .on(TransactWriteItemsCommand)
      .rejectsOnce(cancelled('None', 'TransactionConflict', 'None'))
      .rejectsOnce(sdkError('ProvisionedThroughputExceededException'))
      .resolves({});
    expect(await commit()).toEqual({ committed: true, failed: new Set() });
    expect(mock.commandCalls(TransactWriteItemsCommand)).toHaveLength(3);
  });

  it('answers TEMPORARILY_UNAVAILABLE once conflicts outlast the retries', async () => {
    mock.on(TransactWriteItemsCommand).rejects(cancelled('TransactionConflict', 'None', 'None'));
    await expect(commit()).rejects.toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE' });
    expect(mock.commandCalls(TransactWriteItemsCommand)).toHaveLength(transactionRetry.attempts);
  });

  it('passes any other error on at once', async () => {
    mock.on(TransactWriteItemsCommand).rejects(sdkError('ValidationException'));
    await expect(commit()).rejects.toMatchObject({ name: 'ValidationException' });
    expect(mock.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });
});
