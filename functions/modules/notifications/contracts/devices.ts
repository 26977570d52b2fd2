import { isoDateTime } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

/** Push devices of the signed-in user (/v1/me/devices). */

const platformSchema = z.enum(['apns', 'apns_sandbox', 'fcm']).openapi('PushPlatform', {
  description: 'Apple Push Notification service (production or sandbox builds), or Firebase Cloud Messaging',
});

/**
 * APNs tokens are hex (32 bytes today, up to 100 by Apple's word); FCM registration tokens are
 * URL-safe text of about 160 characters. Both are bounded well below SNS's limits.
 */
const tokenSchema = z
  .string()
  .min(32)
  .max(4096)
  .regex(/^[A-Za-z0-9_:.-]+$/, 'must be a device token as the platform gave it')
  .openapi({
    description: 'The device token the platform gave the app; kept by SNS only, never shown again',
  });

export const deviceRegistrationSchema = z
  .strictObject({ platform: platformSchema, token: tokenSchema })
  .superRefine((body, ctx) => {
    if (body.platform !== 'fcm' && !/^[0-9a-fA-F]{64,200}$/.test(body.token))
      ctx.addIssue({
        code: 'custom',
        path: ['token'],
        message: 'must be an APNs device token: 64 to 200 hexadecimal digits',
      });
  })
  .openapi('DeviceRegistration');

export const deviceIdSchema = z
  .string()
  .regex(/^dev_[0-9a-z]{20}$/, 'must be a device id as registered')
  .openapi({ example: 'dev_3f7h1k5m9p3r7t1v5x9z' });

export const deviceParams = z.strictObject({ deviceId: deviceIdSchema });

export const deviceSchema = z
  .object({
    deviceId: deviceIdSchema,
    platform: platformSchema,
    registeredAt: isoDateTime,
  })
  .openapi('Device');
