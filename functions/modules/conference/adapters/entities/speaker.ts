import { Entity } from 'electrodb';
import { entityBase, fixedStrings, unlisted } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { conferencePk, linkItems } from './event-partition.js';

/**
 * An event's speaker.
 *
 * Key templates:
 * - table: pk `${orgId}#conference#event#${eventId}`  sk `speaker#${speakerId}`
 * - gsi1:  pk `user#${userId}#speakers`  sk `${orgId}#${eventId}#${speakerId}` (only when linked to
 *   a user: what "my sessions" reads; never `user#${userId}` alone, the memberships' partition)
 * Every agenda write that assigns the speaker bumps `version`, so two of them cannot both pass
 * their overlap check.
 */
export const speakerEntity = new Entity({
  model: { ...entityBase, entity: 'speaker' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'speakerId', 'createdAt'),
    userId: { type: 'string' },
    /** `userId`, or `none` (unlisted) for a speaker who is not a user: the user index's key. */
    listedUser: { type: 'string', required: true },
    attendeeId: { type: 'string' },
    name: { type: 'string', required: true },
    bio: { type: 'string' },
    expertise: { type: 'list', items: { type: 'string' }, required: true },
    links: { ...linkItems, required: true },
    headshotUrl: { type: 'string' },
    presentationTitle: { type: 'string' },
    presentationDescription: { type: 'string' },
    presentationMinutes: { type: 'number' },
    status: { type: ['pending', 'confirmed', 'cancelled'] as const, required: true },
    feeMinor: { type: 'number' },
    feeCurrency: { type: 'string' },
    travelNotes: { type: 'string' },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: conferencePk,
      sk: key('sk', ['speakerId'], 'speaker#${speakerId}'),
    },
    byUser: {
      index: 'gsi1',
      condition: (a) => a.listedUser !== unlisted,
      pk: key('gsi1pk', ['listedUser'], 'user#${listedUser}#speakers'),
      sk: key('gsi1sk', ['orgId', 'eventId', 'speakerId'], '${orgId}#${eventId}#${speakerId}'),
    },
  },
});
