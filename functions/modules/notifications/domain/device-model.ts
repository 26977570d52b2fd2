import { derivedId } from '../../../kernel/domain/ids.js';

/**
 * A user's push device: an app install that gave us its platform's device token. The token itself
 * is kept by the platform endpoint (SNS) only, never in the table nor in a log: the device is known
 * by an id derived from platform and token, so registering the same token again finds it.
 */

export type PushPlatform = 'apns' | 'apns_sandbox' | 'fcm';
export const pushPlatforms: readonly PushPlatform[] = ['apns', 'apns_sandbox', 'fcm'];

export interface Device {
  deviceId: string;
  /** The user it belongs to: the last one who registered its token. */
  userId: string;
  platform: PushPlatform;
  /** Where pushes to it go: the SNS platform endpoint ARN (locally `local:<platform>:<deviceId>`). */
  endpointId: string;
  /** Its last registration by this user; the oldest registration is dropped first. */
  registeredAt: string;
}

/**
 * At most this many devices per user: registering one more drops the user's oldest registration
 * (a phone that re-registers on start stays recent; a replaced one is what goes).
 */
export const maxDevicesPerUser = 10;

/** The same token on the same platform is the same device, whoever registers it. */
export const deviceIdOf = (platform: PushPlatform, token: string): string =>
  derivedId('dev', platform, token);
