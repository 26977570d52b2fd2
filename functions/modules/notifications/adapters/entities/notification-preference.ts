import { CustomAttributeType, Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import type { NotificationChannel } from '../../domain/model.js';

/**
 * A user's notification preferences in one organization (absent: the defaults apply).
 *
 * Key template: pk `${orgId}#user#${userId}#preferences`  sk `notifications`
 * Keyed by org and user, so each user's item is its own partition; the sort key leaves room for
 * other per-user settings of the organization.
 */
export const notificationPreferenceEntity = new Entity({
  model: { ...entityBase, entity: 'notificationPreference' },
  attributes: {
    ...fixedStrings('orgId', 'userId'),
    /** Stored as strings; the custom type narrows them to the domain's channels. */
    channels: {
      type: 'list',
      items: { type: CustomAttributeType<NotificationChannel>('string') },
      required: true,
    },
    /** `HH:MM` at the venue; both present or both absent. */
    quietStart: { type: 'string' },
    quietEnd: { type: 'string' },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byUser: {
      pk: key('pk', ['orgId', 'userId'], '${orgId}#user#${userId}#preferences'),
      sk: key('sk', [], 'notifications'),
    },
  },
});
