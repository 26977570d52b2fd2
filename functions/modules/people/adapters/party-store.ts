import type { EntityItem } from 'electrodb';
import { DomainError } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { commitTransaction, type TxEntities, type TxItem } from '../../../kernel/dynamo/transactions.js';
import type { Party } from '../domain/model.js';
import type { PartyStore } from '../domain/ports.js';
import type { partyEntity } from './entities/party.js';
import {
  explainJoinFailure,
  joinItem,
  joinRefused,
  leaveItem,
  partyKey,
  partyRewrite,
  staleParty,
} from './party-writes.js';

const toParty = fromStored<Party, EntityItem<typeof partyEntity>>({
  nullable: { leaderId: true },
  itemOnly: {},
});

export const dynamoPartyStore = (service: EventlyService): PartyStore => {
  const { party } = service.entities;

  /** Commits or throws the domain error of the failed item, explaining a refused join. */
  const commit = async (orgId: string, build: (tx: TxEntities) => TxItem[]): Promise<void> => {
    try {
      await commitTransaction(service, build);
    } catch (err) {
      throw await explainJoinFailure(service, orgId, err);
    }
  };

  return {
    async create(p) {
      await commit(p.orgId, (tx) => [
        {
          label: 'party',
          write: tx.party.create(toStored(p)).commit(),
          fails: new DomainError('CONFLICT', `party ${p.partyId} already exists`),
        },
        ...p.memberIds.map((id) => ({ label: 'join', write: joinItem(tx, p, id), fails: joinRefused(id) })),
      ]);
    },

    async get(orgId, partyId) {
      const { data } = await party.get({ orgId, partyId }).go({ consistent: true });
      return data ? toParty(data) : undefined;
    },

    list: (orgId, page) =>
      queryPage(`parties:${orgId}`, page, (opts) => party.query.byOrg({ orgId }).go(opts), toParty),

    async save(change) {
      const { before, after } = change;
      if (before === after) return before;
      const joined = after.memberIds.filter((id) => !before.memberIds.includes(id));
      const left = before.memberIds.filter((id) => !after.memberIds.includes(id));
      const stale = staleParty(before.partyId);
      await commit(before.orgId, (tx) => [
        { label: 'party', write: partyRewrite(tx, change), fails: stale },
        ...joined.map((id) => ({ label: 'join', write: joinItem(tx, after, id), fails: joinRefused(id) })),
        ...left.map((id) => ({
          label: 'leave',
          write: leaveItem(tx, before, id, after.updatedAt),
          fails: stale,
        })),
      ]);
      return { ...after, version: before.version + 1 };
    },

    async remove(p, at) {
      const stale = staleParty(p.partyId);
      await commit(p.orgId, (tx) => [
        {
          label: 'party',
          write: tx.party
            .delete(partyKey(p))
            .where(({ version }, { eq }) => eq(version, p.version))
            .commit(),
          fails: stale,
        },
        ...p.memberIds.map((id) => ({ label: 'leave', write: leaveItem(tx, p, id, at), fails: stale })),
      ]);
    },

    async purgeOrg(orgId, limit) {
      const { data } = await party.query.byOrg({ orgId }).go({ limit });
      if (data.length > 0) await party.delete(data.map(partyKey)).go();
      return data.length;
    },
  };
};
