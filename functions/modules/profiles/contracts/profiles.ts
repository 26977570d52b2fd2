import { freeText, isoDateTime, stampFields, userIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { accountDeletionConfirmation } from '../domain/account-deletion.js';
import { audiences, maxPictureBytes, pictureTypes } from '../domain/model.js';

/** The caller's profile (/v1/me/profile), its pictures, other users' profiles, account deletion. */

const audience = z.enum(audiences).openapi('ProfileAudience', {
  description:
    'everyone signed in; shared_events: users holding a live booking of an event you also booked; nobody',
});

const privacySchema = z
  .strictObject({
    cityVisibleTo: audience,
    ageVisibleTo: audience,
    showInApp: z.boolean().openapi({ description: 'False: others are told your profile does not exist' }),
  })
  .openapi('ProfilePrivacy');

const displayName = freeText(z.string().trim().min(1).max(100)).openapi({ example: 'Ada Lovelace' });
const bio = freeText(z.string().trim().max(1000), { multiline: true });
const city = freeText(z.string().trim().min(1).max(100)).openapi({ example: 'Lisbon' });
const birthDate = z.iso.date().openapi({
  description: 'YYYY-MM-DD; shown to you only (others see at most your age)',
  example: '1990-04-12',
});

export const profileBody = z
  .strictObject({
    displayName,
    bio: bio.nullable().optional(),
    city: city.nullable().optional(),
    birthDate: birthDate.nullable().optional(),
    privacy: privacySchema.partial().optional().openapi({ description: 'Fields left out keep their value' }),
  })
  .openapi('ProfileInput');

export const pictureIdSchema = z
  .string()
  .regex(/^pic_[0-9a-z]{20}$/, 'must be a picture id (pic_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'pic_4k8m2p6r0t4v8x2z6b0d' });

export const pictureParams = z.strictObject({ pictureId: pictureIdSchema });
export const userProfileParams = z.strictObject({ userId: userIdSchema });

const pictureSchema = z
  .object({
    pictureId: pictureIdSchema,
    status: z.enum(['pending_upload', 'available']),
    contentType: z.enum(pictureTypes),
    sizeBytes: z.number().int(),
    createdAt: isoDateTime,
  })
  .openapi('ProfilePicture');

export const profileSchema = z
  .object({
    userId: userIdSchema,
    displayName: z.string(),
    bio: z.string().nullable(),
    city: z.string().nullable(),
    birthDate: z.string().nullable(),
    age: z.number().int().nullable(),
    verified: z.boolean().openapi({ description: 'Your phone or email was verified' }),
    privacy: privacySchema,
    pictures: z.array(pictureSchema),
    ...stampFields,
  })
  .openapi('Profile');

export const publicProfileSchema = z
  .object({
    userId: userIdSchema,
    displayName: z.string(),
    bio: z.string().nullable(),
    city: z.string().nullable().openapi({ description: 'Null when unset or not shown to you' }),
    age: z.number().int().nullable().openapi({ description: 'Null when unknown or not shown to you' }),
    verified: z.boolean(),
    pictures: z.array(z.object({ pictureId: pictureIdSchema, url: z.string(), expiresAt: isoDateTime })),
  })
  .openapi('PublicProfile');

export const pictureUploadBody = z
  .strictObject({
    contentType: z.enum(pictureTypes),
    sizeBytes: z.number().int().min(1).max(maxPictureBytes),
  })
  .openapi('ProfilePictureUpload');

const presigned = z
  .object({
    url: z.string(),
    expiresAt: isoDateTime,
    headers: z.record(z.string(), z.string()).openapi({ description: 'Send these headers with the request' }),
  })
  .openapi('ProfilePictureUploadUrl');

export const startedPictureSchema = z
  .object({
    picture: pictureSchema,
    upload: presigned.openapi({ description: 'PUT the picture here, then complete' }),
  })
  .openapi('StartedProfilePicture');

export const accountDeletionBody = z
  .strictObject({
    confirm: z.literal(accountDeletionConfirmation).openapi({ description: 'Must be "DELETE"' }),
  })
  .openapi('AccountDeletion');

export const accountDeletionSchema = z
  .object({ status: z.literal('erasing').openapi({ description: 'The erasure runs in the background' }) })
  .openapi('AccountDeletionStarted');
