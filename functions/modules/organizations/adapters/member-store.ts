import type { EntityItem } from 'electrodb';
import { noteActorRole } from '../../../kernel/audit/audit-scope.js';
import type { MemberChange, MemberStore, OwnerDelta } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import type { Member } from '../../../kernel/domain/types.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored } from '../../../kernel/dynamo/stored.js';
import { commitTransaction, isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import type { memberEntity } from './entities/member.js';

const toMember = fromStored<Member, EntityItem<typeof memberEntity>>({ nullable: {}, itemOnly: {} });

const lastOwner = () => new DomainError('LAST_OWNER', 'an organization must keep at least one active owner');
const changedMeanwhile = () =>
  new DomainError('CONFLICT', 'the member was changed by someone else meanwhile; read it again and retry');

/**
 * A member's write needs its role and status as read: the owner count moves by what was read, so
 * a delete or change of an owner reactivated (or promoted) meanwhile must not pass with delta 0.
 */
const asRead =
  (m: Member) =>
  (
    { role, status }: { role: unknown; status: unknown },
    { eq }: { eq: (attr: unknown, value: unknown) => string },
  ): string =>
    `${eq(role, m.role)} AND ${eq(status, m.status)}`;

export const dynamoMemberStore = (service: EventlyService): MemberStore => {
  const { member } = service.entities;
  const keyOf = (m: Member) => ({ orgId: m.orgId, userId: m.userId });

  /**
   * The owner counter on the organization item moves in the same transaction as the member, with a
   * condition that keeps it at one or more: two owners demoting each other at once cannot both win.
   */
  const ownerChange = (m: Member, ownerDelta: OwnerDelta, change: MemberChange | 'delete') =>
    commitTransaction(service, ({ organization, member: tx }) => [
      // The member first: changed since read, the delta below means nothing (CONFLICT, read again).
      {
        label: 'member',
        write:
          change === 'delete'
            ? tx.delete(keyOf(m)).where(asRead(m)).commit()
            : tx.patch(keyOf(m)).set(change).where(asRead(m)).commit(),
        fails: changedMeanwhile(),
      },
      {
        label: 'owner count',
        write: organization
          .patch({ orgId: m.orgId })
          .add({ ownerCount: ownerDelta })
          .where(({ ownerCount }, { gt }) => (ownerDelta < 0 ? gt(ownerCount, 1) : ''))
          .commit(),
        fails: lastOwner(),
      },
    ]);

  /** Single-item writes conditional on the member being as we read it. */
  const guarded = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (err) {
      if (isConditionFailure(err)) throw changedMeanwhile();
      throw err;
    }
  };

  return {
    async get(orgId, userId) {
      const { data } = await member.get({ orgId, userId }).go();
      // The membership gate reads the caller's: their audit records name the role they acted in.
      if (data?.status === 'active') noteActorRole(userId, data.role);
      return data ? toMember(data) : undefined;
    },

    list: (orgId, page) =>
      queryPage(`members:${orgId}`, page, (opts) => member.query.byOrg({ orgId }).go(opts), toMember),

    listByUser: (userId, page) =>
      queryPage(`memberships:${userId}`, page, (opts) => member.query.byUser({ userId }).go(opts), toMember),

    async update(m, change, ownerDelta) {
      if (ownerDelta === 0) {
        const { data } = await guarded(() =>
          member.patch(keyOf(m)).set(change).where(asRead(m)).go({ response: 'all_new' }),
        );
        return toMember(data);
      }
      await ownerChange(m, ownerDelta, change);
      return { ...m, ...change };
    },

    async remove(m, ownerDelta) {
      if (ownerDelta === 0) {
        await guarded(() => member.delete(keyOf(m)).where(asRead(m)).go());
        return;
      }
      await ownerChange(m, ownerDelta, 'delete');
    },

    async purge(orgId, limit) {
      const { data } = await member.query.byOrg({ orgId }).go({ limit });
      if (data.length > 0) await member.delete(data.map(keyOf)).go();
      return data.length;
    },
  };
};
