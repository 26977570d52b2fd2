import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionName } from '../../functions/app/function-definitions.js';
import { type StreamConsumerDefinition, streamConsumers } from '../../functions/app/stream-definitions.js';
import type { ServiceFunction } from './lambda-function.js';
import { acknowledgeTerminal, deadLetterProps } from './queues.js';

export interface StreamConsumer {
  definition: StreamConsumerDefinition;
  function: ServiceFunction;
  /** Where the mapping sends a batch it gave up on: the shard, and the first and last sequence numbers. */
  deadLetterQueue: Queue;
}

export interface StreamConsumersProps {
  /** The tenant's table; its stream must be on (the data stack turns it on). */
  table: ITable;
  functions: Record<FunctionName, ServiceFunction>;
}

/**
 * An event source mapping from the table's stream to each stream consumer's live alias, from the
 * stream definitions: their filter (only matching records invoke the function), partial batch
 * responses, bisection of a failing batch, bounded retries and record age, and a dead-letter queue
 * as on-failure destination, so that a record that keeps failing never blocks its shard.
 */
export class StreamConsumers extends Construct {
  readonly consumers: StreamConsumer[];

  constructor(scope: Construct, id: string, { table, functions }: StreamConsumersProps) {
    super(scope, id);
    if (!table.tableStreamArn)
      throw new Error('the table has no stream: its stream consumers cannot read it');
    this.consumers = streamConsumers.map((definition) => {
      const deadLetterQueue = new Queue(this, `${definition.consumer}-dlq`, deadLetterProps);
      acknowledgeTerminal(deadLetterQueue);
      Validations.of(deadLetterQueue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'A dead-letter queue itself: the on-failure destination of the stream event source mapping, which ' +
          'the rule (looking only at SQS redrive policies) cannot see.',
      });
      const fn = functions[definition.consumer];
      // Through the alias, as the queue consumers: a new version takes over as the deploy shifts it.
      fn.alias.addEventSource(
        new DynamoEventSource(table, {
          // A new mapping starts at the stream's tip: items written before it are the sweep's.
          startingPosition: StartingPosition.LATEST,
          filters: definition.filters.map((f) => FilterCriteria.filter(f)),
          batchSize: definition.batchSize,
          maxBatchingWindow: Duration.seconds(definition.maxBatchingWindowSeconds),
          parallelizationFactor: definition.parallelizationFactor,
          reportBatchItemFailures: true,
          bisectBatchOnError: true,
          retryAttempts: definition.retryAttempts,
          maxRecordAge: Duration.seconds(definition.maxRecordAgeSeconds),
          onFailure: new SqsDlq(deadLetterQueue),
        }),
      );
      Validations.of(fn.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Two statements CDK adds support no resource-level permission: xray:PutTraceSegments and ' +
          'xray:PutTelemetryRecords for active tracing, and dynamodb:ListStreams for the stream event source.',
      });
      return { definition, function: fn, deadLetterQueue };
    });
  }
}
