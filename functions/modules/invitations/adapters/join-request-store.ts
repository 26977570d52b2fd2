import { unlisted } from '../../../kernel/dynamo/entity-base.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import { joinRequestStatuses, openRequestStatuses, type RequestCounts } from '../domain/model.js';
import type { JoinRequestStore } from '../domain/ports.js';
import { requestNotification, storedRequest, toJoinRequest } from './invitation-items.js';

export const dynamoJoinRequestStore = (service: EventlyService): JoinRequestStore => {
  const { joinRequest } = service.entities;

  return {
    async create(request) {
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'holder',
          write: tx.joinRequestHolder
            .create({
              orgId: request.orgId,
              sessionId: request.sessionId,
              attendeeId: request.attendeeId,
              requestId: request.requestId,
            })
            .commit(),
          fails: 'refused',
        },
        { label: 'request', write: tx.joinRequest.create(storedRequest(request)).commit() },
        { label: 'record', write: requestNotification(tx, request) },
      ]);
      return committed;
    },

    async get(orgId, sessionId, requestId) {
      const { data } = await joinRequest.get({ orgId, sessionId, requestId }).go({ consistent: true });
      return data ? toJoinRequest(data) : undefined;
    },

    list: (orgId, sessionId, status, page) =>
      queryPage(
        `requests:${orgId}:${sessionId}:${status ?? ''}`,
        page,
        (opts) =>
          joinRequest.query
            .bySession({ orgId, sessionId })
            .where((a, { eq }) => (status ? eq(a.status, status) : ''))
            .go(opts),
        toJoinRequest,
      ),

    async counts(orgId, sessionId) {
      const { data } = await joinRequest.query
        .bySession({ orgId, sessionId })
        .go({ consistent: true, pages: 'all', attributes: ['status'] });
      const counts = Object.fromEntries(joinRequestStatuses.map((s) => [s, 0])) as RequestCounts;
      for (const r of data) counts[r.status] += 1;
      return counts;
    },

    async decide(current, next) {
      const ends = !openRequestStatuses.includes(next.status);
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'request',
          write: tx.joinRequest
            .put(storedRequest(next))
            // Also unchanged in its listing: a request erased since it was read (its texts gone,
            // out of the index) is not written back with them. Items older than the index have none.
            .where(
              (a, { eq, notExists }) =>
                `${eq(a.status, current.status)} AND (${eq(a.listedAttendee, storedRequest(current).listedAttendee)} OR ${notExists(a.listedAttendee)})`,
            )
            .commit(),
          fails: 'refused',
        },
        ...(ends
          ? [
              {
                label: 'holder',
                write: tx.joinRequestHolder
                  .delete({ orgId: next.orgId, sessionId: next.sessionId, attendeeId: next.attendeeId })
                  .commit(),
              },
            ]
          : []),
        { label: 'record', write: requestNotification(tx, next) },
      ]);
      return committed;
    },

    async eraseMessagesOf(orgId, attendeeId, limit) {
      const { data, cursor } = await joinRequest.query
        .byAttendee({ orgId, listedAttendee: attendeeId })
        .go({ limit, attributes: ['orgId', 'sessionId', 'requestId'] });
      // Dropping the index copy takes the item out of the attendee's index: the next call finds the
      // rest. One deleted meanwhile (a cascade) fails its existence condition: nothing to erase.
      await Promise.all(
        data.map((r) =>
          unlessConditionFails(
            joinRequest.patch(r).remove(['message', 'hostMessage']).set({ listedAttendee: unlisted }).go(),
          ),
        ),
      );
      return cursor !== null;
    },
  };
};
