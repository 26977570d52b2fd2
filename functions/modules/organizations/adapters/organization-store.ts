import type { EntityItem } from 'electrodb';
import type { OrganizationChanges, OrganizationStore } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { Member, Organization } from '../../../kernel/domain/types.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { commitTransaction, isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import type { organizationEntity } from './entities/organization.js';

type OrganizationItem = EntityItem<typeof organizationEntity>;

const organizationFields = fromStored<
  Omit<Organization, 'settings' | 'kind'>,
  Omit<OrganizationItem, 'settings' | 'kind'>
>({
  nullable: { domain: true },
  itemOnly: { ownerCount: true },
});

export const toOrganization = ({ settings, kind, ...rest }: OrganizationItem): Organization => ({
  ...organizationFields(rest),
  kind: kind ?? 'team',
  settings: settings ?? {},
});

export const dynamoOrganizationStore = (service: EventlyService): OrganizationStore => {
  const { organization } = service.entities;

  const get = async (orgId: string) => {
    const { data } = await organization.get({ orgId }).go();
    return data ? toOrganization(data) : undefined;
  };

  return {
    get,

    async listIds(limit, cursor) {
      const { data, cursor: next } = await organization.query
        .byTenant({})
        .go({ limit, cursor: cursor ?? null, attributes: ['orgId'] });
      return { ids: data.map((o) => o.orgId), cursor: next };
    },

    async create(org: Organization, owner: Member) {
      const taken = new DomainError('CONFLICT', 'an organization with this id already exists');
      await commitTransaction(service, (tx) => [
        {
          label: 'organization',
          write: tx.organization.create({ ...toStored(org), ownerCount: 1 }).commit(),
          fails: taken,
        },
        { label: 'owner', write: tx.member.create(owner).commit(), fails: taken },
      ]);
    },

    async update(orgId: string, { domain, ...changes }: OrganizationChanges) {
      try {
        let op = organization.patch({ orgId }).set({ ...changes, ...(domain ? { domain } : {}) });
        if (domain === null) op = op.remove(['domain']);
        const { data } = await op
          .where(({ status }, { eq }) => eq(status, 'active'))
          .go({ response: 'all_new' });
        return toOrganization(data);
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        if (!(await get(orgId))) throw notFound('organization');
        throw new DomainError('ORGANIZATION_DELETING', 'the organization is being deleted');
      }
    },

    async markDeleting(orgId: string, at: string) {
      try {
        await organization
          .patch({ orgId })
          .set({ status: 'deleting', updatedAt: at })
          .where(({ status }, { eq }) => eq(status, 'active'))
          .go();
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },

    async unmarkDeleting(orgId: string, at: string) {
      try {
        await organization
          .patch({ orgId })
          .set({ status: 'active', updatedAt: at })
          .where(({ status }, { eq }) => eq(status, 'deleting'))
          .go();
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },

    async remove(orgId: string) {
      await organization.delete({ orgId }).go();
    },
  };
};
