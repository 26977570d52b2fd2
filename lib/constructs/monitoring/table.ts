import { type ITable, Operation } from 'aws-cdk-lib/aws-dynamodb';
import { tableActions } from '../table-access.js';
import { type AlarmOn, fiveMinutes, sumOfCounts } from './monitored.js';

/**
 * The operations the functions call: those their table grant names, TransactWriteItems (a
 * transaction is authorized by the actions of its items, so it has no action of its own), and
 * GetRecords, with which Lambda reads the table's stream for the outbox relay.
 */
const tableOperations: readonly Operation[] = [
  ...tableActions.readWrite
    .map((action) => action.replace('dynamodb:', ''))
    .filter((name): name is Operation => (Object.values(Operation) as string[]).includes(name)),
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.GET_RECORDS,
];

/** One of DynamoDB's per-operation counts, summed over the operations the functions call. */
const perOperationSum = (table: ITable, idPrefix: string, metricName: string, label: string) =>
  sumOfCounts(
    idPrefix,
    Object.fromEntries(
      tableOperations.map((operation) => [
        operation,
        table.metric(metricName, {
          dimensionsMap: { TableName: table.tableName, Operation: operation },
          statistic: 'Sum',
          period: fiveMinutes,
        }),
      ]),
    ),
    label,
  );

export const tableMetrics = (table: ITable) => ({
  throttledRequests: perOperationSum(table, 'throttled', 'ThrottledRequests', 'throttled requests'),
  systemErrors: perOperationSum(table, 'errors', 'SystemErrors', 'system errors'),
});

/**
 * The SDK retries a throttled request or a DynamoDB-side error, so one alone is invisible; some in
 * two five-minute periods in a row means callers are failing or slowing down.
 */
export const tableAlarms = (alarmOn: AlarmOn, metrics: ReturnType<typeof tableMetrics>): void => {
  const persisting = { threshold: 1, evaluationPeriods: 2 };
  alarmOn(
    'TableThrottles',
    metrics.throttledRequests,
    'DynamoDB throttled requests to the table for 10 minutes: look for one hot key (a popular session’s ' +
      'counter) in the functions’ logs, then at the table’s throughput quotas.',
    persisting,
  );
  alarmOn(
    'TableSystemErrors',
    metrics.systemErrors,
    'DynamoDB answered requests to the table with internal errors for 10 minutes: check the AWS Health ' +
      'Dashboard for the region, then the functions’ errors.',
    persisting,
  );
};
