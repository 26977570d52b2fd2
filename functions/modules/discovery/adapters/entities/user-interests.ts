import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * The interests a user picked (at most 20), one item per user, replaced whole.
 *
 * Key template:
 * - table: pk `user#${userId}#interests`  sk `interests`
 */
export const userInterestsEntity = new Entity({
  model: { ...entityBase, entity: 'userInterests' },
  attributes: {
    ...fixedStrings('userId'),
    interestIds: { type: 'list', required: true, items: { type: 'string' } },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byUser: {
      pk: key('pk', ['userId'], 'user#${userId}#interests'),
      sk: key('sk', [], 'interests'),
    },
  },
});
