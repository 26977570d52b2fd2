import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/app/function-definitions.js';
import { queueDefinitions, visibilityTimeoutFactor } from '../../functions/app/queue-definitions.js';
import { streamConsumers } from '../../functions/app/stream-definitions.js';
import { minimumVisibilityTimeout } from '../../lib/constructs/queues.js';
import { synthTenant, tenantConfig } from './support/synth.js';

const { app: template, stacks } = synthTenant(tenantConfig('acme'));
const idOf = (construct: { node: { defaultChild?: unknown } }): string =>
  stacks.app.getLogicalId(construct.node.defaultChild as never);

describe.each(queueDefinitions.map((d) => [d.name, d] as const))('queue %s', (name, definition) => {
  const { queue, deadLetterQueue } = stacks.app.queues.get(name);
  const queueProps = () => template.findResources('AWS::SQS::Queue')[idOf(queue)]?.Properties;

  it('redrives to its own dead-letter queue after maxReceiveCount receives', () => {
    expect(queueProps()?.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [idOf(deadLetterQueue), 'Arn'] },
      maxReceiveCount: definition.maxReceiveCount,
    });
    expect(queueProps()?.VisibilityTimeout).toBe(definition.visibilityTimeoutSeconds);
  });

  it('encrypts the queue and its dead-letter queue and refuses plain-HTTP requests', () => {
    for (const q of [queue, deadLetterQueue]) {
      expect(template.findResources('AWS::SQS::Queue')[idOf(q)]?.Properties.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: idOf(q) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              Principal: { AWS: '*' },
              Resource: { 'Fn::GetAtt': [idOf(q), 'Arn'] },
            }),
          ]),
        },
      });
    }
  });

  it(`feeds the ${definition.consumer} function in batches of ${definition.batchSize}, reporting item failures`, () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [idOf(queue), 'Arn'] },
      BatchSize: definition.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumBatchingWindowInSeconds: definition.maxBatchingWindowSeconds,
      ScalingConfig: { MaximumConcurrency: definition.maxConcurrency },
    });
  });

  it(`hides a received message for at least ${visibilityTimeoutFactor} x its consumer's timeout plus the batching window`, () => {
    const timeout = functionDefinitions[definition.consumer].timeoutSeconds;
    const synthesized = queueProps()?.VisibilityTimeout as number;
    expect(synthesized).toBeGreaterThanOrEqual(
      visibilityTimeoutFactor * timeout + definition.maxBatchingWindowSeconds,
    );
  });

  it('alarms when a message reaches the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf(deadLetterQueue), 'QueueName'] } }],
      Threshold: 1,
    });
  });
});

describe('queues', () => {
  it('are exactly the defined queues, one dead-letter queue each, the delivery and stream dead-letter queues', () => {
    template.resourceCountIs('AWS::SQS::Queue', queueDefinitions.length * 2 + 1 + streamConsumers.length);
    template.resourceCountIs(
      'AWS::Lambda::EventSourceMapping',
      queueDefinitions.length + streamConsumers.length,
    );
  });

  it('refuse a definition whose visibility timeout is shorter than the floor', () => {
    expect(minimumVisibilityTimeout({ maxBatchingWindowSeconds: 5 }, 60)).toBe(365);
  });
});
