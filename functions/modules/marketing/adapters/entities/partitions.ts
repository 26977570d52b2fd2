import { key } from '../../../../kernel/dynamo/entity-keys.js';

/** Every marketing item of an event shares one partition: its lists and its cascade are Queries. */
export const marketingPk = key('pk', ['orgId', 'eventId'], '${orgId}#marketing#event#${eventId}');

/** Money as one map attribute. */
export const moneyMap = {
  type: 'map',
  properties: {
    amountMinor: { type: 'number', required: true },
    currency: { type: 'string', required: true },
  },
} as const;

export const platformType = ['facebook', 'instagram', 'x', 'linkedin', 'tiktok', 'youtube', 'other'] as const;
