import { CustomAttributeType, Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import type { Audience, PictureStatus } from '../../domain/model.js';

/**
 * A user's profile (docs/profiles.md), with its privacy settings and pictures in the one item:
 * every change is a put conditional on the version read.
 *
 * Key template: pk `user#${userId}#profile`  sk `profile` (never `user#${userId}` alone, the
 * memberships' partition). Optional fields are absent rather than null.
 */
export const profileEntity = new Entity({
  model: { ...entityBase, entity: 'profile' },
  attributes: {
    ...fixedStrings('userId'),
    displayName: { type: 'string', required: true },
    bio: { type: 'string' },
    city: { type: 'string' },
    birthDate: { type: 'string' },
    verified: { type: 'boolean', required: true },
    privacy: {
      type: 'map',
      required: true,
      properties: {
        cityVisibleTo: { type: CustomAttributeType<Audience>('string'), required: true },
        ageVisibleTo: { type: CustomAttributeType<Audience>('string'), required: true },
        showInApp: { type: 'boolean', required: true },
      },
    },
    pictures: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          pictureId: { type: 'string', required: true },
          status: { type: CustomAttributeType<PictureStatus>('string'), required: true },
          contentType: { type: 'string', required: true },
          sizeBytes: { type: 'number', required: true },
          createdAt: { type: 'string', required: true },
        },
      },
    },
    version: { type: 'number', required: true },
    createdAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byUser: {
      pk: key('pk', ['userId'], 'user#${userId}#profile'),
      sk: key('sk', [], 'profile'),
    },
  },
});
