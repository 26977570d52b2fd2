import { unlisted } from '../../../kernel/dynamo/entity-base.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { EventInviteStore } from '../domain/ports.js';
import { storedInvite, storedPass, toEventInvite, toEventPass } from './invitation-items.js';

export const dynamoEventInviteStore = (service: EventlyService): EventInviteStore => {
  const { eventInvite, eventPass } = service.entities;

  const get = async (orgId: string, eventId: string, inviteId: string) => {
    const { data } = await eventInvite.get({ orgId, eventId, inviteId }).go({ consistent: true });
    return data ? toEventInvite(data) : undefined;
  };

  return {
    async create(invite) {
      await eventInvite.create(storedInvite(invite)).go();
    },

    get,

    list: (orgId, eventId, page) =>
      queryPage(
        `event-invites:${orgId}:${eventId}`,
        page,
        (opts) => eventInvite.query.byEvent({ orgId, eventId }).go(opts),
        toEventInvite,
      ),

    async revoke(invite, at) {
      await eventInvite.patch(invite).set({ status: 'revoked', updatedAt: at }).go();
    },

    async givePass(invite, pass, at) {
      const key = { orgId: invite.orgId, eventId: invite.eventId };
      const { committed, failed } = await commitTransaction(service, (tx) => [
        { label: 'pass', write: tx.eventPass.create(storedPass(pass)).commit(), fails: 'refused' },
        {
          label: 'invite',
          // Counted only while a use is left, the invite active and (a link) not expired: a
          // condition on the item, so concurrent redeemers never take more than `maxUses`.
          write: tx.eventInvite
            .patch({ ...key, inviteId: invite.inviteId })
            .add({ uses: 1 })
            .set({ updatedAt: at })
            .where((a, { eq, lt, gt, notExists }) =>
              [
                eq(a.status, 'active'),
                ...(invite.maxUses === null
                  ? []
                  : [`(${notExists(a.maxUses)} OR ${lt(a.uses, invite.maxUses)})`]),
                ...(invite.expiresAt === null ? [] : [gt(a.expiresAt, at)]),
              ].join(' AND '),
            )
            .commit(),
          fails: 'refused',
        },
      ]);
      if (committed) return { pass };
      if (failed.has('pass')) {
        // A retry (or a pass given before): the holder's pass as it is, nothing counted.
        const { data } = await eventPass
          .get({ ...key, attendeeId: pass.attendeeId })
          .go({ consistent: true });
        if (data) return { pass: toEventPass(data) };
      }
      const now = await get(invite.orgId, invite.eventId, invite.inviteId);
      if (!now || now.status === 'revoked') return { refused: 'revoked' };
      if (now.expiresAt !== null && now.expiresAt <= at) return { refused: 'expired' };
      return { refused: 'used-up' };
    },

    async eraseContactsOf(orgId, attendeeId, limit) {
      const { data, cursor } = await eventInvite.query
        .byAttendee({ orgId, listedAttendee: attendeeId })
        .go({ limit, attributes: ['orgId', 'eventId', 'inviteId'] });
      // Dropping the index copy takes the item out of the attendee's index: the next call finds the
      // rest. One deleted meanwhile (a cascade) fails its existence condition: nothing to erase.
      await Promise.all(
        data.map((i) =>
          unlessConditionFails(
            eventInvite.patch(i).remove(['email', 'phone']).set({ listedAttendee: unlisted }).go(),
          ),
        ),
      );
      return cursor !== null;
    },

    async purgeEvent(orgId, eventId, limit) {
      // Invites first, then passes, so that fewer than `limit` means none of either is left.
      const invites = await eventInvite.query
        .byEvent({ orgId, eventId })
        .go({ limit, attributes: ['orgId', 'eventId', 'inviteId'] });
      await Promise.all(invites.data.map((i) => eventInvite.delete(i).go()));
      const left = limit - invites.data.length;
      if (left === 0) return limit;
      const passes = await eventPass.query
        .byEvent({ orgId, eventId })
        .go({ limit: left, attributes: ['orgId', 'eventId', 'attendeeId'] });
      await Promise.all(passes.data.map((x) => eventPass.delete(x).go()));
      return invites.data.length + passes.data.length;
    },
  };
};
