import type { EntityItem } from 'electrodb';
import { DomainError } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { commitTransaction, unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { Vendor } from '../domain/model.js';
import type { VendorStore } from '../domain/ports.js';
import type { vendorEntity } from './entities/vendor.js';

type VendorItem = EntityItem<typeof vendorEntity>;

/** The vendor without its contact, which the item holds flattened. */
type VendorFields = Omit<Vendor, 'contact'>;

const toFields = fromStored<VendorFields, Omit<VendorItem, 'contactName' | 'contactEmail' | 'contactPhone'>>({
  nullable: { rating: true, notes: true },
  itemOnly: {},
});

const toVendor = ({ contactName, contactEmail, contactPhone, ...rest }: VendorItem): Vendor => ({
  ...toFields(rest),
  contact: { name: contactName ?? null, email: contactEmail ?? null, phone: contactPhone ?? null },
});

const stored = ({ contact, ...rest }: Vendor) => ({
  ...toStored(rest),
  ...toStored({ contactName: contact.name, contactEmail: contact.email, contactPhone: contact.phone }),
});

export const dynamoVendorStore = (service: EventlyService): VendorStore => {
  const { vendor } = service.entities;
  return {
    async create(v) {
      await commitTransaction(service, (tx) => [
        {
          label: 'organization',
          // In the same transaction: a vendor put after the organization's cascade ran would be orphaned.
          write: tx.organization
            .check({ orgId: v.orgId })
            .where(({ status }, { eq }) => eq(status, 'active'))
            .commit(),
          fails: new DomainError('ORGANIZATION_DELETING', 'the organization is being deleted'),
        },
        { label: 'vendor', write: tx.vendor.create(stored(v)).commit() },
      ]);
    },

    async get(orgId, vendorId) {
      const { data } = await vendor.get({ orgId, vendorId }).go({ consistent: true });
      return data ? toVendor(data) : undefined;
    },

    list: (orgId, page) =>
      queryPage(`vendors:${orgId}`, page, (opts) => vendor.query.byOrg({ orgId }).go(opts), toVendor),

    // A whole put (cleared fields go), only over the version that was read.
    save: (before, after) =>
      unlessConditionFails(
        vendor
          .put(stored(after))
          .where(({ version }, { eq }) => eq(version, before.version))
          .go(),
      ),

    async remove(orgId, vendorId) {
      await vendor.delete({ orgId, vendorId }).go();
    },

    async purgeOrg(orgId, limit) {
      const { data } = await vendor.query.byOrg({ orgId }).go({ limit, attributes: ['orgId', 'vendorId'] });
      if (data.length > 0) await vendor.delete(data).go();
      return data.length;
    },
  };
};
