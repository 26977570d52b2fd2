import type { EntityItem } from 'electrodb';
import { organizationActive } from '../../../kernel/dynamo/live-checks.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { SocialAccount } from '../domain/model.js';
import type { SocialAccountStore } from '../domain/ports.js';
import type { socialAccountEntity } from './entities/social-account.js';

const toAccount = (item: EntityItem<typeof socialAccountEntity>): SocialAccount => item;

export const dynamoSocialAccountStore = (service: EventlyService): SocialAccountStore => {
  const { socialAccount } = service.entities;
  return {
    async create(a) {
      await commitTransaction(service, (tx) => [
        organizationActive(tx, a.orgId),
        { label: 'account', write: tx.socialAccount.create(a).commit() },
      ]);
    },

    async get(orgId, accountId) {
      const { data } = await socialAccount.get({ orgId, accountId }).go({ consistent: true });
      return data ? toAccount(data) : undefined;
    },

    list: (orgId, page) =>
      queryPage(
        `social-accounts:${orgId}`,
        page,
        (opts) => socialAccount.query.byOrg({ orgId }).go(opts),
        toAccount,
      ),

    save: (before, after) =>
      unlessConditionFails(
        socialAccount
          .put(after)
          .where(({ version }, { eq }) => eq(version, before.version))
          .go(),
      ),

    async remove(orgId, accountId) {
      await socialAccount.delete({ orgId, accountId }).go();
    },
  };
};
