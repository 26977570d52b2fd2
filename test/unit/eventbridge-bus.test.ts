import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../functions/kernel/domain/domain-event.js';
import { eventBridgeBus } from '../../functions/modules/notifications/adapters/eventbridge-bus.js';

/**
 * EventBridge has no local engine, so the bus adapter alone is tested against a mocked client: the
 * entries it puts, and that anything short of every entry accepted is an error (the outbox item
 * then stays pending for the sweep).
 */

const eventBridge = mockClient(EventBridgeClient);
beforeEach(() => eventBridge.reset());

const event = (n: number): DomainEvent => ({
  id: `event#session.cancelled#ses_${n}`,
  type: 'session.cancelled',
  version: 1,
  orgId: 'org_1',
  occurredAt: '2030-01-10T12:00:00.000Z',
  subject: { type: 'session', id: `ses_${n}` },
  data: { sessionId: `ses_${n}`, cancelledAt: '2030-01-10T12:00:00.000Z', cancelledBy: 'u_1' },
});

const bus = () => eventBridgeBus(new EventBridgeClient({ region: 'eu-west-1' }), 'evently-acme');

describe('the EventBridge bus adapter', () => {
  it('puts each event on the tenant bus: source evently, its type as detail type, the event as detail', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
    await bus().publish([event(1)]);
    const calls = eventBridge.commandCalls(PutEventsCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input.Entries).toEqual([
      {
        EventBusName: 'evently-acme',
        Source: 'evently',
        DetailType: 'session.cancelled',
        Detail: JSON.stringify(event(1)),
        Time: new Date('2030-01-10T12:00:00.000Z'),
      },
    ]);
  });

  it('sends at most 10 entries a call', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0 });
    await bus().publish(Array.from({ length: 23 }, (_, i) => event(i)));
    expect(eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([
      10, 10, 3,
    ]);
  });

  it('fails when the bus refuses an entry, naming its error code', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
    });
    await expect(bus().publish([event(1)])).rejects.toThrow('refused 1 of 1 events: InternalFailure');
  });

  it('fails when the call fails', async () => {
    eventBridge.on(PutEventsCommand).rejects(new Error('ThrottlingException'));
    await expect(bus().publish([event(1)])).rejects.toThrow('ThrottlingException');
  });

  it('fails without a bus name (a function not granted one)', async () => {
    const unnamed = eventBridgeBus(new EventBridgeClient({ region: 'eu-west-1' }), undefined);
    await expect(unnamed.publish([event(1)])).rejects.toThrow('EVENT_BUS_NAME');
    expect(eventBridge.commandCalls(PutEventsCommand)).toEqual([]);
  });
});
