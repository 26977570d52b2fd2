import type { EntityItem } from 'electrodb';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { commitTransaction, unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { VendorContract } from '../domain/model.js';
import type { VendorContractStore } from '../domain/ports.js';
import type { vendorContractEntity } from './entities/vendor-contract.js';

type ContractItem = EntityItem<typeof vendorContractEntity>;

const toContract = fromStored<VendorContract, ContractItem>({
  nullable: { notes: true, signedAt: true, paidAt: true, cancelledAt: true },
  itemOnly: {},
});

export const dynamoVendorContractStore = (service: EventlyService): VendorContractStore => {
  const { vendorContract, event } = service.entities;

  const whyEventRefused = async (orgId: string, eventId: string): Promise<Error> => {
    const { data } = await event.get({ orgId, eventId }).go({ consistent: true });
    if (!data) return notFound('event');
    return new DomainError('EVENT_DELETING', 'the event is being deleted');
  };

  return {
    async create(c) {
      await commitTransaction(service, (tx) => [
        {
          label: 'event',
          // In the same transaction: a contract put beside an event whose cascade already ran would be orphaned.
          write: tx.event
            .check({ orgId: c.orgId, eventId: c.eventId })
            .where(({ deleting }, { eq }) => eq(deleting, false))
            .commit(),
          fails: () => whyEventRefused(c.orgId, c.eventId),
        },
        { label: 'contract', write: tx.vendorContract.create(toStored(c)).commit() },
      ]);
    },

    async get(orgId, eventId, contractId) {
      const { data } = await vendorContract.get({ orgId, eventId, contractId }).go({ consistent: true });
      return data ? toContract(data) : undefined;
    },

    list: (orgId, eventId, { status, vendorId }, page) =>
      queryPage(
        `vendor-contracts:${orgId}:${eventId}:${status ?? ''}:${vendorId ?? ''}`,
        page,
        (opts) =>
          vendorContract.query
            .byEvent({ orgId, eventId })
            .where((a, { eq }) =>
              [status ? eq(a.status, status) : '', vendorId ? eq(a.vendorId, vendorId) : '']
                .filter(Boolean)
                .join(' AND '),
            )
            .go(opts),
        toContract,
      ),

    async listByStatus(orgId, eventId, statuses) {
      const { data } = await vendorContract.query
        .byEvent({ orgId, eventId })
        .where((a, { eq }) => statuses.map((s) => eq(a.status, s)).join(' OR '))
        .go({ pages: 'all', consistent: true });
      return data.map(toContract);
    },

    // A whole put (cleared fields go), only over the version that was read.
    save: (before, after) =>
      unlessConditionFails(
        vendorContract
          .put(toStored(after))
          .where(({ version }, { eq }) => eq(version, before.version))
          .go(),
      ),

    async purgeEvent(orgId, eventId, limit) {
      const { data } = await vendorContract.query
        .byEvent({ orgId, eventId })
        .go({ limit, attributes: ['orgId', 'eventId', 'contractId'] });
      if (data.length > 0) await vendorContract.delete(data).go();
      return data.length;
    },
  };
};
