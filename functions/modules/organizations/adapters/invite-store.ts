import type { EntityItem } from 'electrodb';
import type { InviteStore } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import type { Invite } from '../../../kernel/domain/types.js';
import { unlisted } from '../../../kernel/dynamo/entity-base.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import {
  commitTransaction,
  isConditionFailure,
  unlessConditionFails,
} from '../../../kernel/dynamo/transactions.js';
import type { inviteEntity } from './entities/invite.js';

const toInvite = fromStored<Invite, EntityItem<typeof inviteEntity>>({
  nullable: { email: true, respondedAt: true, acceptedBy: true },
  itemOnly: { listedAcceptor: true },
});

const noLongerPending = () => new DomainError('INVITE_ALREADY_USED', 'the invite is no longer pending');

export const dynamoInviteStore = (service: EventlyService): InviteStore => {
  const { invite } = service.entities;
  const keyOf = (i: Pick<Invite, 'orgId' | 'inviteId'>) => ({ orgId: i.orgId, inviteId: i.inviteId });

  return {
    async create(i) {
      await invite.create({ ...toStored(i), listedAcceptor: unlisted }).go();
    },

    async get(orgId, inviteId) {
      const { data } = await invite.get({ orgId, inviteId }).go();
      return data ? toInvite(data) : undefined;
    },

    list: (orgId, wanted, now, page) =>
      queryPage(
        `invites:${orgId}`,
        page,
        (opts) =>
          invite.query
            .byOrg({ orgId })
            .where(({ status, expiresAt }, { eq, gt, lte }) => {
              // "pending" and "expired" are effective statuses: time turns one into the other.
              if (wanted === 'pending') return `${eq(status, 'pending')} AND ${gt(expiresAt, now)}`;
              if (wanted === 'expired') {
                return `${eq(status, 'expired')} OR (${eq(status, 'pending')} AND ${lte(expiresAt, now)})`;
              }
              // Named types: inferred from the narrowed `wanted`, they would not admit `status`.
              return wanted ? eq<Invite['status'], typeof status>(status, wanted) : '';
            })
            .go(opts),
        toInvite,
      ),

    async revoke(i, at) {
      try {
        await invite
          .patch(keyOf(i))
          .set({ status: 'revoked', respondedAt: at })
          .where(({ status }, { eq }) => eq(status, 'pending'))
          .go();
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        // Lost a race: revoked meanwhile is success (same end state), accepted meanwhile is not.
        const { data } = await invite.get(keyOf(i)).go();
        if (data?.status !== 'revoked') throw noLongerPending();
      }
    },

    async accept(i, member, at) {
      await commitTransaction(service, ({ invite: inv, member: mem, organization }) => [
        {
          label: 'invite',
          write: inv
            .patch(keyOf(i))
            .set({
              status: 'accepted',
              respondedAt: at,
              acceptedBy: member.userId,
              listedAcceptor: member.userId,
            })
            .where(({ status, expiresAt }, { eq, gt }) => `${eq(status, 'pending')} AND ${gt(expiresAt, at)}`)
            .commit(),
          fails: noLongerPending(),
        },
        {
          label: 'member',
          write: mem.create(member).commit(),
          fails: new DomainError('ALREADY_MEMBER', 'you are already a member of this organization'),
        },
        {
          label: 'organization',
          // Owners are counted on the organization item; every acceptance also requires it active.
          write:
            member.role === 'owner'
              ? organization
                  .patch({ orgId: i.orgId })
                  .add({ ownerCount: 1 })
                  .where(({ status }, { eq }) => eq(status, 'active'))
                  .commit()
              : organization
                  .check({ orgId: i.orgId })
                  .where(({ status }, { eq }) => eq(status, 'active'))
                  .commit(),
          fails: new DomainError('ORGANIZATION_DELETING', 'the organization is being deleted'),
        },
      ]);
    },

    async eraseAcceptedBy(userId, limit) {
      const { data, cursor } = await invite.query
        .byAcceptor({ listedAcceptor: userId })
        .go({ limit, attributes: ['orgId', 'inviteId'] });
      // Dropping the index copy takes the item out of the user's index: the next call finds the
      // rest. One deleted meanwhile (a cascade) fails its existence condition: nothing to erase.
      await Promise.all(
        data.map((i) =>
          unlessConditionFails(
            invite.patch(keyOf(i)).remove(['email']).set({ listedAcceptor: unlisted }).go(),
          ),
        ),
      );
      return cursor !== null;
    },

    async purge(orgId, limit) {
      const { data } = await invite.query.byOrg({ orgId }).go({ limit });
      if (data.length > 0) await invite.delete(data.map(keyOf)).go();
      return data.length;
    },
  };
};
