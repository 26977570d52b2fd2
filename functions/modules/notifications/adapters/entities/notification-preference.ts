import { CustomAttributeType, Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';
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
    orgId: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true, readOnly: true },
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
      pk: {
        field: 'pk',
        composite: ['orgId', 'userId'],
        template: '${orgId}#user#${userId}#preferences',
        casing: 'none',
      },
      sk: { field: 'sk', composite: [], template: 'notifications', casing: 'none' },
    },
  },
});
