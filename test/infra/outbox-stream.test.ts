import { describe, expect, it } from 'vitest';
import { streamConsumers } from '../../functions/app/stream-definitions.js';
import { actionsOf, appInspector } from './support/grants.js';
import { aliasInvokedBy, resourcesOf, synthTenant, tenantConfig } from './support/synth.js';

/** The outbox relay in the deployed stacks: the table's stream, its mapping, its DLQ and alarms. */

const tenant = synthTenant(tenantConfig('acme'));
const { app: template, data, stacks } = tenant;
const { idOf, fns, statementsOf } = appInspector(tenant);
const found = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`no ${what}`);
  return value;
};
const relay = found(
  stacks.app.streams.consumers.find((c) => c.definition.consumer === 'outbox'),
  'stream consumer outbox in the stack',
);
const definition = found(
  streamConsumers.find((c) => c.consumer === 'outbox'),
  'stream definition of outbox',
);

type Props = Record<string, unknown>;
const propertiesOf = (type: string): Props[] =>
  resourcesOf(template, type).map(([, r]) => (r as { Properties: Props }).Properties);

/** The one event source mapping invoking the outbox alias. */
const relayMapping = (): Props => {
  const mappings = propertiesOf('AWS::Lambda::EventSourceMapping').filter(
    (m) => JSON.stringify(m.FunctionName) === JSON.stringify(aliasInvokedBy(idOf(fns.outbox.alias))),
  );
  expect(mappings).toHaveLength(1);
  return found(mappings[0], 'mapping');
};

describe('outbox relay through the table stream (CDK)', () => {
  it('turns the stream on with new images: the relay reads each item as written, with no read of its own', () => {
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
  });

  it('maps the stream to the outbox alias, letting through new outbox items only', () => {
    const mapping = relayMapping();
    expect(JSON.stringify(mapping.EventSourceArn)).toContain('StreamArn');
    expect(mapping).toMatchObject({ StartingPosition: 'LATEST', BatchSize: definition.batchSize });
    const patterns = (mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((f) =>
      JSON.parse(f.Pattern),
    );
    // New outbox items for the relay, new audit records for their hash chains.
    expect(patterns).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { __edb_e__: { S: ['outbox'] } } } },
      { eventName: ['INSERT'], dynamodb: { NewImage: { __edb_e__: { S: ['auditRecord'] } } } },
    ]);
  });

  it('reports failed records alone, bisects a failing batch, retries a bounded number of times, then goes to its DLQ', () => {
    const mapping = relayMapping();
    expect(mapping).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: definition.retryAttempts,
      MaximumRecordAgeInSeconds: definition.maxRecordAgeSeconds,
      ParallelizationFactor: definition.parallelizationFactor,
    });
    expect(definition.retryAttempts).toBeGreaterThan(0);
    expect(definition.retryAttempts).toBeLessThanOrEqual(5);
    const destination = (mapping.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure;
    expect(destination.Destination).toEqual({ 'Fn::GetAtt': [idOf(relay.deadLetterQueue), 'Arn'] });
    // The dead-letter queue keeps what failed for 14 days, and outlives the stack.
    const dlq = template.findResources('AWS::SQS::Queue')[idOf(relay.deadLetterQueue)] as {
      Properties: Props;
      DeletionPolicy: string;
    };
    expect(dlq.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    expect(dlq.DeletionPolicy).toBe('Retain');
  });

  it('grants the relay the stream, the table, its two queues and its DLQ, and nothing to send mail', () => {
    const statements = statementsOf('outbox');
    const actions = actionsOf(statements);
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:DescribeStream',
        'dynamodb:UpdateItem',
        'sqs:SendMessage',
      ]),
    );
    expect(actions).not.toContain('ses:SendEmail');
    expect(actions).not.toContain('sns:Publish');
    const sends = JSON.stringify(statements.filter((s) => actionsOf([s]).includes('sqs:SendMessage')));
    for (const queue of [
      stacks.app.queues.get('notifications').queue,
      stacks.app.queues.get('holds').queue,
      relay.deadLetterQueue,
    ])
      expect(sends).toContain(idOf(queue));
  });

  it('pages when the relay lags the stream and when a batch lands in its DLQ', () => {
    const alarms = propertiesOf('AWS::CloudWatch::Alarm');
    const lag = alarms.find((a) => a.MetricName === 'IteratorAge');
    expect(lag).toMatchObject({
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: idOf(fns.outbox.function) } }],
      Statistic: 'Maximum',
      Threshold: definition.iteratorAgeAlarmSeconds * 1000,
    });
    const deadLetters = alarms.find(
      (a) =>
        a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(a.Dimensions).includes(idOf(relay.deadLetterQueue)),
    );
    expect(deadLetters).toMatchObject({ Threshold: 1, EvaluationPeriods: 1 });
    for (const alarm of [lag, deadLetters]) expect(alarm?.AlarmActions).toHaveLength(1);
  });
});
