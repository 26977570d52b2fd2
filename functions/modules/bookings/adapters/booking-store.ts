import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lowLevelClientOf } from '../../../kernel/dynamo/client.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { earliestDue } from '../../../kernel/dynamo/shards.js';
import { commitTransaction } from '../../../kernel/dynamo/transactions.js';
import { defaultShardPolicy, type ShardPolicy } from '../../catalog/index.js';
import type { NotificationRef } from '../../notifications/index.js';
import { type BookingHistoryEntry, holdReminderAt } from '../domain/model.js';
import type { BookingStore } from '../domain/ports.js';
import { bookingContextReader, forgetContext, rememberedContext } from './booking-context.js';
import { bookingCreate } from './booking-create.js';
import { allDueShards, toBooking, toHistoryEntry } from './booking-items.js';
import { purgeSessionBookings } from './booking-purge.js';
import { holdReminder } from './booking-records.js';
import { bookingTransition } from './booking-transition.js';

export const dynamoBookingStore = (
  service: EventlyService,
  client: DynamoDBDocumentClient,
  table: string,
  shardPolicy: ShardPolicy = defaultShardPolicy,
): BookingStore => {
  const { booking, bookingSeat, auditRecord } = service.entities;
  const create = bookingCreate(service, lowLevelClientOf(client), table, shardPolicy);
  const transition = bookingTransition(service);

  const get = async (ref: { orgId: string; sessionId: string; bookingId: string }) => {
    const { data } = await booking.get(ref).go({ consistent: true });
    return data ? toBooking(data) : undefined;
  };

  return {
    context: bookingContextReader(service, client, table),
    rememberedContext,
    forgetContext,

    async bookedSeats(orgId, sessionId) {
      const { data } = await bookingSeat.query
        .bySession({ orgId, sessionId })
        .go({ consistent: true, pages: 'all' });
      return data.map((s) => ({ label: s.label, bookingId: s.bookingId, state: s.state }));
    },

    // Conflicts and throttles are sent again by commitTransaction itself.
    create,

    get,

    async recordHoldReminder(b) {
      const remindAt = holdReminderAt(b);
      if (!remindAt) return undefined;
      let ref: NotificationRef | undefined;
      const { committed } = await commitTransaction(service, (tx) => {
        const reminder = holdReminder(tx, b, remindAt);
        ref = reminder.ref;
        // Its one condition is that the item is new: failing it means the reminder was written.
        return [{ label: 'reminder', write: reminder.item, fails: 'refused' }];
      });
      return committed ? ref : undefined;
    },

    async history(ref) {
      const { data } = await auditRecord.query
        .byTarget({ orgId: ref.orgId, targetType: 'booking', targetId: ref.bookingId })
        .go({ consistent: true, pages: 'all', attributes: ['at', 'details'] });
      // Steps of one instant sort by the lifecycle (from nothing, then held, then confirmed).
      const rank = (h: BookingHistoryEntry) => ['held', 'confirmed'].indexOf(h.from ?? '') + 1;
      return data
        .filter((r) => r.details !== undefined)
        .map(toHistoryEntry)
        .sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b));
    },

    transition,

    listBySession: (orgId, sessionId, page) =>
      queryPage(
        `bookings:${orgId}:${sessionId}`,
        page,
        (opts) => booking.query.bySession({ orgId, sessionId }).go(opts),
        toBooking,
      ),

    async liveSeats(orgId, sessionId) {
      const { data } = await booking.query
        .bySession({ orgId, sessionId })
        .go({ consistent: true, pages: 'all', attributes: ['status', 'seats'] });
      const of = (status: 'held' | 'confirmed') =>
        data.reduce((n, b) => n + (b.status === status ? b.seats : 0), 0);
      return { held: of('held'), confirmed: of('confirmed') };
    },

    async liveBookingsOf(orgId, sessionId, holderId) {
      const { data } = await service.entities.holderCount
        .get({ orgId, sessionId, holderId })
        .go({ consistent: true, attributes: ['live'] });
      return data?.live ?? 0;
    },

    listByHolder: (orgId, holderId, page) =>
      queryPage(
        `bookings:${orgId}:holder:${holderId}`,
        page,
        (opts) => booking.query.byHolder({ orgId, holderId }).go({ ...opts, order: 'desc' }),
        toBooking,
      ),

    listByUser: (userId, page) =>
      queryPage(
        `bookings:user:${userId}`,
        page,
        (opts) => booking.query.byUser({ listedUser: userId }).go({ ...opts, order: 'desc' }),
        toBooking,
      ),

    purgeSession: (orgId, sessionId, limit) => purgeSessionBookings(service, orgId, sessionId, limit),

    async listDueHolds(now, limit) {
      const due = await earliestDue(
        allDueShards(),
        async (dueShard, upTo) =>
          (
            await booking.query
              .byDue({ dueShard })
              .lte({ dueAt: upTo })
              .go({ limit, attributes: ['orgId', 'sessionId', 'bookingId', 'dueAt'] })
          ).data,
        (d) => d.dueAt,
        now,
        limit,
      );
      return due.map((d) => ({
        orgId: d.orgId,
        sessionId: d.sessionId,
        bookingId: d.bookingId,
        at: d.dueAt,
      }));
    },
  };
};
