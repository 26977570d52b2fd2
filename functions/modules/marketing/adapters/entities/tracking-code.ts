import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * The claim of a tracking code in its organization, put with `attribute_not_exists` in the
 * campaign's transaction: two campaigns never hold one code. Deleted with its campaign.
 *
 * Key templates:
 * - table: pk `${orgId}#tracking-codes`  sk `code#${trackingCode}`
 */
export const trackingCodeClaimEntity = new Entity({
  model: { ...entityBase, entity: 'trackingCodeClaim' },
  attributes: {
    ...fixedStrings('orgId', 'trackingCode', 'eventId', 'campaignId', 'createdAt'),
  },
  indexes: {
    byCode: {
      pk: key('pk', ['orgId'], '${orgId}#tracking-codes'),
      sk: key('sk', ['trackingCode'], 'code#${trackingCode}'),
    },
  },
});
