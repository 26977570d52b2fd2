import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { platformType } from './partitions.js';

/**
 * An organization's social account: the name of its token's secret and marks of the token, never
 * the token. Edits are conditional on `version`.
 *
 * Key templates:
 * - table: pk `${orgId}#social-accounts`  sk `account#${accountId}`
 */
export const socialAccountEntity = new Entity({
  model: { ...entityBase, entity: 'socialAccount' },
  attributes: {
    ...fixedStrings('orgId', 'accountId', 'tokenRef', 'createdAt'),
    platform: { type: platformType, required: true },
    handle: { type: 'string', required: true },
    displayName: { type: 'string', required: true },
    last4: { type: 'string', required: true },
    fingerprint: { type: 'string', required: true },
    rotatedAt: { type: 'string', required: true },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#social-accounts'),
      sk: key('sk', ['accountId'], 'account#${accountId}'),
    },
  },
});
