import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * The version of an event's set of ticket categories: every new or changed category moves it on
 * in its own transaction, conditional on the version read before the other categories were read,
 * so the rules across categories (one currency, unique names, at most 20) hold under concurrent
 * writes. Absent until the event's first category.
 *
 * Key templates (partitions of their own, so no category query or page counts this item):
 * - table: pk `${orgId}#event#${eventId}#category-set`  sk `set`
 * - gsi2:  pk `${orgId}#category-sets`                  sk `${eventId}` (the organization's cascade delete)
 */
export const categorySetEntity = new Entity({
  model: { ...entityBase, entity: 'categorySet' },
  attributes: {
    ...fixedStrings('orgId', 'eventId'),
    version: { type: 'number', required: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#event#${eventId}#category-set'),
      sk: key('sk', [], 'set'),
    },
    byOrg: {
      index: 'gsi2',
      pk: key('gsi2pk', ['orgId'], '${orgId}#category-sets'),
      sk: key('gsi2sk', ['eventId'], '${eventId}'),
    },
  },
});
