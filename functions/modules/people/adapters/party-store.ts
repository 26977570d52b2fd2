import { DomainError } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { expectCommittedExplained, type TransactionOutcome } from '../../../kernel/dynamo/transactions.js';
import type { Party } from '../domain/model.js';
import type { PartyStore } from '../domain/ports.js';
import {
  explainJoinFailure,
  joinItem,
  joinRefused,
  leaveItem,
  partyKey,
  partyRewrite,
  staleParty,
} from './party-writes.js';

type PartyItem = Omit<Party, 'leaderId'> & { leaderId?: string | undefined };

const toParty = (i: PartyItem): Party => ({
  orgId: i.orgId,
  partyId: i.partyId,
  name: i.name,
  leaderId: i.leaderId ?? null,
  memberIds: i.memberIds,
  version: i.version,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
});

export const dynamoPartyStore = (service: EventlyService): PartyStore => {
  const { party } = service.entities;

  /** Commits or throws the domain error of the failed item, explaining a refused join. */
  const commit = (orgId: string, outcome: TransactionOutcome, reasons: DomainError[]): Promise<void> =>
    expectCommittedExplained(outcome, reasons, (err) => explainJoinFailure(service, orgId, err));

  return {
    async create(p) {
      const { leaderId, ...item } = p;
      const outcome = await service.transaction
        .write((tx) => [
          tx.party.create({ ...item, ...(leaderId ? { leaderId } : {}) }).commit(),
          ...p.memberIds.map((id) => joinItem(tx, p, id)),
        ])
        .go();
      await commit(p.orgId, outcome, [
        new DomainError('CONFLICT', `party ${p.partyId} already exists`),
        ...p.memberIds.map(joinRefused),
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
      const outcome = await service.transaction
        .write((tx) => [
          partyRewrite(tx, change),
          ...joined.map((id) => joinItem(tx, after, id)),
          ...left.map((id) => leaveItem(tx, before, id, after.updatedAt)),
        ])
        .go();
      const stale = staleParty(before.partyId);
      await commit(before.orgId, outcome, [stale, ...joined.map(joinRefused), ...left.map(() => stale)]);
      return { ...after, version: before.version + 1 };
    },

    async remove(p, at) {
      const outcome = await service.transaction
        .write((tx) => [
          tx.party
            .delete(partyKey(p))
            .where(({ version }, { eq }) => eq(version, p.version))
            .commit(),
          ...p.memberIds.map((id) => leaveItem(tx, p, id, at)),
        ])
        .go();
      const stale = staleParty(p.partyId);
      await commit(p.orgId, outcome, [stale, ...p.memberIds.map(() => stale)]);
    },

    async purgeOrg(orgId, limit) {
      const { data } = await party.query.byOrg({ orgId }).go({ limit });
      if (data.length > 0) await party.delete(data.map(partyKey)).go();
      return data.length;
    },
  };
};
