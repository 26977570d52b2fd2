import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

/**
 * The encrypted topic every alarm notifies; `alarmEmail` subscribes to it. Created in the alarms
 * construct itself (not a child), so the topic and key keep their logical ids.
 */
export const createAlarmTopic = (scope: Construct, tenantId: string, alarmEmail?: string): Topic => {
  // A customer-managed key: the AWS-managed SNS key cannot be granted to CloudWatch, which must
  // encrypt the alarm notifications it publishes.
  const key = new Key(scope, 'TopicKey', {
    enableKeyRotation: true,
    description: 'Encrypts the Evently alarm topic',
    // It encrypts nothing but the topic, which goes with the stack: the key goes too, after KMS's
    // longest waiting period (a deletion can be cancelled during it), instead of staying orphaned.
    removalPolicy: RemovalPolicy.DESTROY,
    pendingWindow: Duration.days(30),
  });
  key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
  const topic = new Topic(scope, 'Topic', {
    masterKey: key,
    enforceSSL: true,
    displayName: `Evently alarms (${tenantId})`,
  });
  // `enforceSSL` gives the topic a policy of its own, which replaces SNS's default one: without
  // this statement nobody, CloudWatch included, may publish, and no alarm would ever arrive.
  const { account, partition, region } = Stack.of(scope);
  topic.addToResourcePolicy(
    new PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: {
        ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        StringEquals: { 'aws:SourceAccount': account },
      },
    }),
  );
  if (alarmEmail) {
    const subscription = topic.addSubscription(new EmailSubscription(alarmEmail));
    Validations.of(subscription).acknowledge({
      id: 'Serverless-SNSRedrivePolicy',
      reason:
        'The alarm e-mail: a dead-letter queue of undelivered alarm mails could only be alarmed through ' +
        'this same topic; an alarm that cannot be mailed still shows in ALARM on the tenant dashboard.',
    });
  }
  return topic;
};
