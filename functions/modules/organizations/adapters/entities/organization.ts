import { Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

export const organizationSchema = {
  model: { ...entityBase, entity: 'organization' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    domain: { type: 'string' },
    /** Absent on organizations stored before personal ones: `team`. */
    kind: { type: ['team', 'personal'] as const },
    status: { type: ['active', 'deleting'] as const, required: true },
    settings: {
      type: 'map',
      properties: {
        defaultTimezone: { type: 'string' },
        defaultCurrency: { type: 'string' },
        locale: { type: 'string' },
        tax: {
          type: 'map',
          properties: {
            name: { type: 'string', required: true },
            ratePercent: { type: 'number', required: true },
            number: { type: 'string' },
          },
        },
      },
    },
    /** Active owners; only ever changed inside the transaction that changes an owner (never 0). */
    ownerCount: { type: 'number', required: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byId: {
      pk: key('pk', ['orgId'], '${orgId}#org'),
      sk: key('sk', [], 'org'),
    },
    /**
     * Every organization of the tenant (one table per tenant): what the nightly run walks. A
     * tenant-wide partition, written only when an organization is created.
     */
    byTenant: {
      index: 'gsi3',
      pk: key('gsi3pk', [], 'organizations'),
      sk: key('gsi3sk', ['orgId'], '${orgId}'),
    },
  },
} as const;

export const organizationEntity = new Entity(organizationSchema);
