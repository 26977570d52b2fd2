import { randomUUID } from 'node:crypto';
import type { ContentionOptions } from './options.js';

/**
 * The errors the model answers in DynamoDB's own wire shape (HTTP 400, `__type`, the fields the
 * SDK reads), with the codes and messages of the API reference (TransactWriteItems, "Errors";
 * TransactionConflictException; ThrottlingReason). DynamoDB Local answers a cancelled
 * transaction in exactly this shape, `{"Code":"None"}` for the items that did not fail.
 */

export interface Answer {
  status: number;
  body: string;
}

const NAMESPACE = 'com.amazonaws.dynamodb.v20120810';

const CONFLICT_MESSAGE = 'Transaction is ongoing for the item';
const ON_DEMAND_THROTTLE_MESSAGE =
  'Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your ' +
  'table or index so please try again shortly. If exceptions persist, check if you have a hot key: ' +
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html.';
const PROVISIONED_THROTTLE_MESSAGE =
  'The level of configured provisioned throughput for the table was exceeded. Consider increasing your ' +
  'provisioning level with the UpdateTable API.';

/** Why one action of a cancelled transaction failed; `None` for the others. */
export type CancellationCode =
  | 'None'
  | 'TransactionConflict'
  | 'ThrottlingError'
  | 'ProvisionedThroughputExceeded';

const reasonMessage: Record<Exclude<CancellationCode, 'None'>, string> = {
  TransactionConflict: CONFLICT_MESSAGE,
  ThrottlingError: ON_DEMAND_THROTTLE_MESSAGE,
  ProvisionedThroughputExceeded: PROVISIONED_THROTTLE_MESSAGE,
};

const error = (type: string, fields: Record<string, unknown>): Answer => ({
  status: 400,
  body: JSON.stringify({ __type: `${NAMESPACE}#${type}`, ...fields }),
});

export const transactionCanceled = (codes: readonly CancellationCode[]): Answer =>
  error('TransactionCanceledException', {
    CancellationReasons: codes.map((Code) =>
      Code === 'None' ? { Code } : { Code, Message: reasonMessage[Code] },
    ),
    Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
  });

export const transactionConflict = (): Answer =>
  error('TransactionConflictException', { message: CONFLICT_MESSAGE });

/** DynamoDB Local's tables live in region `ddblocal` of account 000000000000. */
const tableArn = (table: string): string => `arn:aws:dynamodb:ddblocal:000000000000:table/${table}`;

/**
 * A hot item's single write. On-demand tables answer ThrottlingException (the code that
 * TransactWriteItems reports as `ThrottlingError` "when writes get throttled on an On-Demand
 * table"); provisioned ones ProvisionedThroughputExceededException. Both carry the throttling
 * reason `TableWriteKeyRangeThroughputExceeded` (a partition past its own limit).
 */
export const writeThrottled = (table: string, mode: ContentionOptions['capacityMode']): Answer => {
  const reasons = [{ reason: 'TableWriteKeyRangeThroughputExceeded', resource: tableArn(table) }];
  return mode === 'on-demand'
    ? error('ThrottlingException', { message: ON_DEMAND_THROTTLE_MESSAGE, throttlingReasons: reasons })
    : error('ProvisionedThroughputExceededException', {
        message: PROVISIONED_THROTTLE_MESSAGE,
        ThrottlingReasons: reasons,
      });
};

export const throttleCode = (mode: ContentionOptions['capacityMode']): CancellationCode =>
  mode === 'on-demand' ? 'ThrottlingError' : 'ProvisionedThroughputExceeded';

export const answerHeaders = (body: string): Record<string, string> => ({
  'content-type': 'application/x-amz-json-1.0',
  'content-length': String(Buffer.byteLength(body)),
  'x-amzn-requestid': randomUUID(),
});
