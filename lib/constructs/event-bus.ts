import { Duration } from 'aws-cdk-lib';
import { type Archive, EventBus, EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { domainEventSource } from '../../functions/kernel/domain/domain-event.js';

export interface TenantEventBusProps {
  tenantId: string;
  /** How long the archive keeps events, in days; 0 keeps them for ever. */
  archiveRetentionDays: number;
  /** The webhooks queue: webhook delivery reads every published event from it. */
  webhooksQueue: IQueue;
  /** The automations queue: automation workflows run from every published event (docs/automations.md). */
  automationsQueue: IQueue;
  /** Where an event the rule could not put on the webhooks queue is kept (the delivery DLQ). */
  deadLetterQueue: IQueue;
}

/**
 * The tenant's bus of public domain events (docs/events/): the outbox relay publishes each event
 * (PutEvents, source `evently`, detail type the event's type, detail the event); an archive keeps
 * them for replay; a rule hands each event, as its detail (the DomainEvent JSON itself), to the
 * `webhooks` queue, and wrapped as an `automations.event` message to the `automations` queue. An event the rule cannot deliver within a day goes to the delivery DLQ, where
 * the rule's delivery-failure alarm sees it. Other consumers (another account's bus, analytics)
 * are further rules on this bus.
 */
export class TenantEventBus extends Construct {
  readonly bus: EventBus;
  readonly archive: Archive;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: TenantEventBusProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', {
      eventBusName: `evently-${props.tenantId}`,
      description: `Evently public domain events (${props.tenantId})`,
    });
    const pattern = { source: [domainEventSource] };
    this.archive = this.bus.archive('Archive', {
      description: `Every public domain event of ${props.tenantId}, for replay`,
      eventPattern: pattern,
      retention: Duration.days(props.archiveRetentionDays),
    });
    const delivery = {
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: 185,
      maxEventAge: Duration.hours(24),
    };
    this.rule = new Rule(this, 'ToWebhooks', {
      eventBus: this.bus,
      description:
        'Public domain events onto the webhooks queue (the event itself) and the automations queue',
      eventPattern: pattern,
      targets: [
        new SqsQueue(props.webhooksQueue, {
          message: RuleTargetInput.fromEventPath('$.detail'),
          ...delivery,
        }),
        // The same event wrapped as the automations queue's message (automations/contracts/messages.ts).
        new SqsQueue(props.automationsQueue, {
          message: RuleTargetInput.fromObject({
            type: 'automations.event',
            event: EventField.fromPath('$.detail'),
          }),
          ...delivery,
        }),
      ],
    });
  }

  /** PutEvents on this bus only. */
  grantPublish(grantee: IGrantable): void {
    this.bus.grantPutEventsTo(grantee);
  }
}
