import {
  CreatePlatformEndpointCommand,
  DeleteEndpointCommand,
  EndpointDisabledException,
  InvalidParameterException,
  NotFoundException,
  PublishCommand,
  SetEndpointAttributesCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { snsPushEndpoints } from '../../functions/modules/notifications/adapters/sns-push-endpoints.js';
import {
  listMyDevices,
  pushToUser,
  registerMyDevice,
} from '../../functions/modules/notifications/domain/devices.js';
import type { Notification } from '../../functions/modules/notifications/domain/model.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Mobile push through SNS with the device store on DynamoDB Local (SNS mocked: no local engine for
 * mobile push): a registration creates the device's endpoint on the tenant's platform application
 * and enables it, a push publishes to each endpoint, and an endpoint SNS reports disabled or gone
 * loses its device (and is deleted).
 */

const sns = mockClient(SNSClient);
const apns = 'arn:aws:sns:eu-west-1:210987654321:app/APNS/acme-events';
const fcm = 'arn:aws:sns:eu-west-1:210987654321:app/GCM/acme-events';
const endpointOf = (n: number) => `arn:aws:sns:eu-west-1:210987654321:endpoint/APNS/acme-events/${n}`;
const ada = user('sns-ada');
const token = (n: number) => n.toString(16).padStart(64, 'c');
const message = { subject: 'Doors open', text: 'Doors open at nine', notification: {} as Notification };
const serviceError = <E>(Type: new (o: { message: string; $metadata: object }) => E, text: string) =>
  new Type({ message: text, $metadata: {} });

let c: Container;

beforeEach(async () => {
  sns.reset();
  c = await freshContainer();
  c.deps.pushEndpoints = snsPushEndpoints(() => new SNSClient({ region: 'eu-west-1' }), { apns, fcm });
});

describe('push through SNS (SNS mocked: no local engine for mobile push)', () => {
  it("registers a device as an endpoint of its platform's application, enabled, the token sent to SNS only", async () => {
    sns.on(CreatePlatformEndpointCommand).resolves({ EndpointArn: endpointOf(1) });
    sns.on(SetEndpointAttributesCommand).resolves({});
    const { device } = await registerMyDevice(c.deps, ada, { platform: 'apns', token: token(1) });
    expect(sns.commandCalls(CreatePlatformEndpointCommand).map((call) => call.args[0].input)).toEqual([
      { PlatformApplicationArn: apns, Token: token(1) },
    ]);
    expect(sns.commandCalls(SetEndpointAttributesCommand).map((call) => call.args[0].input)).toEqual([
      { EndpointArn: endpointOf(1), Attributes: { Enabled: 'true' } },
    ]);
    expect(device.endpointId).toBe(endpointOf(1));
    const stored = await c.deps.devices.get(device.deviceId);
    expect(JSON.stringify(stored)).not.toContain(token(1));
    // Not configured for the sandbox: refused before any SNS call.
    await expect(
      registerMyDevice(c.deps, ada, { platform: 'apns_sandbox', token: token(2) }),
    ).rejects.toMatchObject({ code: 'PUSH_NOT_CONFIGURED' });
    expect(sns.commandCalls(CreatePlatformEndpointCommand)).toHaveLength(1);
  });

  it('answers a token the application refuses as the caller’s bad input', async () => {
    sns
      .on(CreatePlatformEndpointCommand)
      .rejects(serviceError(InvalidParameterException, 'Invalid parameter: Token Reason: malformed'));
    await expect(registerMyDevice(c.deps, ada, { platform: 'fcm', token: token(3) })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await listMyDevices(c.deps, ada, { limit: 10 })).items).toEqual([]);
  });

  it('publishes to each endpoint; a disabled or deleted endpoint loses its device and is deleted', async () => {
    for (const n of [1, 2, 3]) {
      sns.on(CreatePlatformEndpointCommand, { Token: token(n) }).resolves({ EndpointArn: endpointOf(n) });
      await registerMyDevice(c.deps, ada, { platform: 'apns', token: token(n) });
    }
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    sns
      .on(PublishCommand, { TargetArn: endpointOf(2) })
      .rejects(serviceError(EndpointDisabledException, 'Endpoint is disabled'));
    sns
      .on(PublishCommand, { TargetArn: endpointOf(3) })
      .rejects(serviceError(NotFoundException, 'Endpoint does not exist'));
    sns.on(DeleteEndpointCommand).resolves({});
    expect(await pushToUser(c.deps, ada.sub, message)).toBe('sent');
    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input)).toEqual(
      [1, 2, 3].map((n) => ({
        TargetArn: endpointOf(n),
        Subject: 'Doors open',
        Message: 'Doors open at nine',
      })),
    );
    expect(sns.commandCalls(DeleteEndpointCommand).map((call) => call.args[0].input.EndpointArn)).toEqual([
      endpointOf(2),
      endpointOf(3),
    ]);
    const left = (await listMyDevices(c.deps, ada, { limit: 10 })).items;
    expect(left.map((d) => d.endpointId)).toEqual([endpointOf(1)]);
  });

  it('lets any other SNS failure through, so the delivery is retried and no device is removed', async () => {
    sns.on(CreatePlatformEndpointCommand).resolves({ EndpointArn: endpointOf(4) });
    await registerMyDevice(c.deps, ada, { platform: 'apns', token: token(4) });
    sns.on(PublishCommand).rejects(new Error('Throttling'));
    await expect(pushToUser(c.deps, ada.sub, message)).rejects.toThrow('Throttling');
    expect(sns.commandCalls(DeleteEndpointCommand)).toHaveLength(0);
    expect((await listMyDevices(c.deps, ada, { limit: 10 })).items).toHaveLength(1);
  });
});
