import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { TicketRecordsPurge } from '../domain/ports.js';

/** One kind of record: deletes up to `left` of it and answers how many (fewer: none are left). */
type PurgeKind = (left: number) => Promise<number>;

/**
 * The count of a batch delete, or an error when DynamoDB left some of it unprocessed: counting
 * those could end a purge with items left, while a failed step is simply run again.
 */
const deletedAll = (count: number, { unprocessed }: { unprocessed: readonly unknown[] }): number => {
  if (unprocessed.length > 0) throw new Error(`a purge left ${unprocessed.length} deletes unprocessed`);
  return count;
};

/** Up to `limit` items over the kinds, in order; a kind is left only once it is empty. */
const purgeUpTo = async (limit: number, kinds: readonly PurgeKind[]): Promise<number> => {
  let deleted = 0;
  for (const purge of kinds) {
    if (deleted >= limit) return deleted;
    deleted += await purge(limit - deleted);
  }
  return deleted;
};

export const dynamoTicketRecordsPurge = (service: EventlyService): TicketRecordsPurge => {
  const { admission, checkinScan, checkinOtp, checkinConflict, checkinList } = service.entities;
  return {
    purgeSessionRecords: (orgId, sessionId, limit) => {
      const key = { orgId, sessionId };
      // Each kind is listed (keys only) then deleted by its own key shape; ElectroDB's types do not unify them.
      return purgeUpTo(limit, [
        async (left) => {
          const { data } = await admission.query.byTicket(key).go({ limit: left, attributes: ['ticketId'] });
          if (data.length === 0) return 0;
          const keys = data.map(({ ticketId }) => ({ ...key, ticketId }));
          return deletedAll(data.length, await admission.delete(keys).go());
        },
        async (left) => {
          const { data } = await checkinScan.query.byNonce(key).go({ limit: left, attributes: ['nonce'] });
          if (data.length === 0) return 0;
          const keys = data.map(({ nonce }) => ({ ...key, nonce }));
          return deletedAll(data.length, await checkinScan.delete(keys).go());
        },
        async (left) => {
          const { data } = await checkinOtp.query
            .byAttendee(key)
            .go({ limit: left, attributes: ['attendeeId'] });
          if (data.length === 0) return 0;
          const keys = data.map(({ attendeeId }) => ({ ...key, attendeeId }));
          return deletedAll(data.length, await checkinOtp.delete(keys).go());
        },
        async (left) => {
          const { data } = await checkinConflict.query
            .byNonce(key)
            .go({ limit: left, attributes: ['nonce'] });
          if (data.length === 0) return 0;
          const keys = data.map(({ nonce }) => ({ ...key, nonce }));
          return deletedAll(data.length, await checkinConflict.delete(keys).go());
        },
      ]);
    },

    async purgeOrganizationRecords(orgId, limit) {
      const { data } = await checkinList.query.byOrg({ orgId }).go({ limit, attributes: ['listId'] });
      if (data.length === 0) return 0;
      const keys = data.map(({ listId }) => ({ orgId, listId }));
      return deletedAll(data.length, await checkinList.delete(keys).go());
    },
  };
};
