import type { EventlyService } from '../../../kernel/dynamo/service.js';

/**
 * Deletes up to `limit` of the booking records of one session: its bookings, then seats,
 * holders' counts, outbox items, and join requests with their open-request marks (a request's
 * reservation is one of the session's bookings). Returns how many it deleted; fewer than `limit`
 * means none are left. A booking's history is its audit records, which outlive it (kernel/audit).
 */
export const purgeSessionBookings = async (
  service: EventlyService,
  orgId: string,
  sessionId: string,
  limit: number,
): Promise<number> => {
  const { booking, bookingSeat, holderCount, outbox, joinRequest, joinRequestHolder } = service.entities;
  const key = { orgId, sessionId };
  let deleted = 0;
  const { data: bookings } = await booking.query.bySession(key).go({ limit, attributes: ['bookingId'] });
  if (bookings.length > 0)
    await booking.delete(bookings.map(({ bookingId }) => ({ ...key, bookingId }))).go();
  deleted += bookings.length;
  // Each kind is listed then deleted by its own key shape; ElectroDB's types do not unify them.
  const kinds: Array<(left: number) => Promise<number>> = [
    async (left) => {
      const { data } = await bookingSeat.query.bySession(key).go({ limit: left });
      if (data.length > 0) await bookingSeat.delete(data).go();
      return data.length;
    },
    async (left) => {
      const { data } = await holderCount.query.bySession(key).go({ limit: left });
      if (data.length > 0) await holderCount.delete(data).go();
      return data.length;
    },
    async (left) => {
      const { data } = await outbox.query.bySession(key).go({ limit: left });
      if (data.length > 0) await outbox.delete(data).go();
      return data.length;
    },
    async (left) => {
      const { data } = await joinRequest.query.bySession(key).go({ limit: left });
      if (data.length > 0) await joinRequest.delete(data).go();
      return data.length;
    },
    async (left) => {
      const { data } = await joinRequestHolder.query.byAttendee(key).go({ limit: left });
      if (data.length > 0) await joinRequestHolder.delete(data).go();
      return data.length;
    },
  ];
  for (const purge of kinds) {
    if (deleted >= limit) return deleted;
    deleted += await purge(limit - deleted);
  }
  return deleted;
};
