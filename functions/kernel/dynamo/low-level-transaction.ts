import {
  type CancellationReason,
  type DynamoDBClient,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { type RetryPolicy, retryTransient, transactionRetry } from './retry.js';
import { cancelledOutcome, type TxOutcome, type TxPart } from './transactions.js';

/**
 * `commitTransaction` for items already in DynamoDB's wire form (hand-built AttributeValues), sent
 * on the low-level client: no ElectroDB item building and no document-client marshalling on a hot
 * path. A cancelled transaction answers exactly as `commitTransaction` does (`cancelledOutcome`),
 * and conflicts and throttles are sent again the same way (`retryTransient`).
 *
 * `parts[i]` says what a failed condition of `items[i]` means.
 */
export const commitTransactItems = <L extends string>(
  client: DynamoDBClient,
  items: TransactWriteItem[],
  parts: ReadonlyArray<TxPart<L>>,
  policy: RetryPolicy = transactionRetry,
): Promise<TxOutcome<L>> => retryTransient(() => sendOnce(client, items, parts), policy);

const committed: TxOutcome<never> = { committed: true, failed: new Set() };

const sendOnce = async <L extends string>(
  client: DynamoDBClient,
  items: TransactWriteItem[],
  parts: ReadonlyArray<TxPart<L>>,
): Promise<TxOutcome<L>> => {
  try {
    await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    return committed;
  } catch (error) {
    const reasons = cancellationReasonsOf(error);
    if (!reasons) throw error;
    // A reason without a code is an item that did not fail (ElectroDB reads it as `None` too).
    return cancelledOutcome(
      parts,
      reasons.map((r) => r.Code ?? 'None'),
    );
  }
};

/** The reasons of a cancelled transaction, by shape as ElectroDB reads them (mocks throw plain errors). */
const cancellationReasonsOf = (error: unknown): CancellationReason[] | undefined => {
  if (typeof error !== 'object' || error === null || !('CancellationReasons' in error)) return undefined;
  const { CancellationReasons: reasons } = error;
  return Array.isArray(reasons) ? (reasons as CancellationReason[]) : undefined;
};
