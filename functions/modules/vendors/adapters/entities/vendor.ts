import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An organization's vendor. Its contact is flattened into `contact*` attributes; every edit is
 * conditional on `version`.
 *
 * Key templates:
 * - table: pk `${orgId}#vendors`  sk `vendor#${vendorId}`
 */
export const vendorEntity = new Entity({
  model: { ...entityBase, entity: 'vendor' },
  attributes: {
    ...fixedStrings('orgId', 'vendorId', 'createdAt'),
    name: { type: 'string', required: true },
    category: {
      type: [
        'catering',
        'av',
        'venue',
        'security',
        'decor',
        'transport',
        'printing',
        'staffing',
        'other',
      ] as const,
      required: true,
    },
    contactName: { type: 'string' },
    contactEmail: { type: 'string' },
    contactPhone: { type: 'string' },
    rating: { type: 'number' },
    notes: { type: 'string' },
    status: { type: ['active', 'archived'] as const, required: true },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#vendors'),
      sk: key('sk', ['vendorId'], 'vendor#${vendorId}'),
    },
  },
});
