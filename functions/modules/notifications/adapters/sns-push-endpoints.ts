import {
  CreatePlatformEndpointCommand,
  DeleteEndpointCommand,
  EndpointDisabledException,
  InvalidParameterException,
  NotFoundException,
  PublishCommand,
  SetEndpointAttributesCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import type { PushPlatform } from '../domain/device-model.js';
import type { PushEndpoints } from '../domain/ports.js';

/** The tenant's SNS platform application ARN per platform (tenant config `notifications.push`). */
export type PlatformApplications = Partial<Record<PushPlatform, string>>;

/**
 * Push through SNS mobile push. A device's endpoint is created on the tenant's platform
 * application of its platform; SNS answers the same endpoint for the same token, so creating it
 * again is harmless, and it is enabled again in case an earlier push had disabled it. A publish
 * answered EndpointDisabled or NotFound is `gone`: the caller removes the device. The token is
 * sent to SNS only, and never logged.
 */
export const snsPushEndpoints = (
  client: () => SNSClient,
  applications: PlatformApplications,
): PushEndpoints => ({
  configured: (platform) => applications[platform] !== undefined,

  async create(platform, token) {
    const application = applications[platform];
    if (!application) throw new Error(`no platform application for ${platform}`);
    try {
      const created = await client().send(
        new CreatePlatformEndpointCommand({ PlatformApplicationArn: application, Token: token }),
      );
      const endpoint = created.EndpointArn;
      if (!endpoint) throw new Error('SNS created no endpoint');
      await client().send(
        new SetEndpointAttributesCommand({ EndpointArn: endpoint, Attributes: { Enabled: 'true' } }),
      );
      return endpoint;
    } catch (error) {
      // A token the platform application cannot take (malformed, another app's): the caller's input.
      if (error instanceof InvalidParameterException) return 'invalid-token';
      throw error;
    }
  },

  async remove(endpointId) {
    await client().send(new DeleteEndpointCommand({ EndpointArn: endpointId }));
  },

  async publish(device, message) {
    try {
      await client().send(
        new PublishCommand({
          TargetArn: device.endpointId,
          Subject: message.subject.slice(0, 99),
          Message: message.text.slice(0, 2000),
        }),
      );
      return 'sent';
    } catch (error) {
      if (error instanceof EndpointDisabledException || error instanceof NotFoundException) return 'gone';
      throw error;
    }
  },
});
