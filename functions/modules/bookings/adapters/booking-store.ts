import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import { retryTransient } from '../../../kernel/dynamo/retry.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { expectCommitted, failedItems } from '../../../kernel/dynamo/transactions.js';
import type { NotificationRef } from '../../notifications/domain/model.js';
import { staleParty } from '../../people/adapters/party-writes.js';
import { offerOutcomeRecords, requeuesEntry } from '../../waitlist/adapters/waitlist-records.js';
import { capacityExhausted, seatTaken } from '../domain/bookings-seats.js';
import { type Booking, counterBucket, holdReminderAt, isLive } from '../domain/model.js';
import type { BookingStore, NewBooking } from '../domain/ports.js';
import { bookingContextReader, forgetContext, rememberedContext } from './booking-context.js';
import {
  allDueShards,
  type BookingItem,
  type HistoryItem,
  toBooking,
  toBookingItem,
  toHistoryEntry,
} from './booking-items.js';
import { purgeSessionBookings } from './booking-purge.js';
import { capacityReleased, holdReminder, sessionUnchanged, stepRecords } from './booking-records.js';

type Part = 'counter' | 'booking' | 'seat' | 'record' | 'org' | 'event' | 'holder' | 'session';

const eventChanged = () =>
  new DomainError('NOT_BOOKABLE', 'the event changed while booking; read it again', { stale: 'event' });
const sessionChanged = () =>
  new DomainError('NOT_BOOKABLE', 'the session changed while booking; read it again', { stale: 'session' });

export const dynamoBookingStore = (
  service: EventlyService,
  client: DynamoDBDocumentClient,
  table: string,
): BookingStore => {
  const { booking, bookingSeat, bookingHistory, sessionCounter, organization } = service.entities;
  const sessionKey = (b: Pick<Booking, 'orgId' | 'sessionId'>) => ({
    orgId: b.orgId,
    sessionId: b.sessionId,
  });

  const counterNow = async (orgId: string, sessionId: string) => {
    const { data } = await sessionCounter.get({ orgId, sessionId }).go({ consistent: true });
    return { available: data?.available ?? 0, waiting: data?.waiting ?? 0 };
  };

  /** Turns the failed items of a booking transaction into the one error the caller should see. */
  const explainCreate = async (nb: NewBooking, parts: readonly Part[], failed: number[]): Promise<void> => {
    const b = nb.booking;
    const has = (p: Part) => failed.some((i) => parts[i] === p);
    if (has('org')) {
      const { data } = await organization.get({ orgId: b.orgId }).go({ consistent: true });
      if (!data) throw notFound('organization');
      throw new DomainError('ORGANIZATION_DELETING', 'the organization is being deleted');
    }
    if (has('event')) throw eventChanged();
    if (has('session')) throw sessionChanged();
    if (has('holder')) {
      throw nb.holder.kind === 'party' ? staleParty(nb.holder.party.partyId) : notFound('attendee');
    }
    const seats = failed
      .filter((i) => parts[i] === 'seat')
      .map((i) => b.seatLabels[i - parts.indexOf('seat')] as string);
    if (seats.length > 0) throw seatTaken(seats);
    if (has('counter')) {
      const { available, waiting } = await counterNow(b.orgId, b.sessionId);
      // While people wait, freed places are theirs: the line is offered them first.
      throw waiting > 0 ? capacityExhausted(0, b.seats, waiting) : capacityExhausted(available, b.seats);
    }
  };

  const create = async (nb: NewBooking): Promise<void> => {
    const b = nb.booking;
    const parts: Part[] = [
      'counter',
      'booking',
      ...b.seatLabels.map((): Part => 'seat'),
      'record',
      'record',
      'record',
      'org',
      'event',
      'holder',
      'session',
    ];
    const outcome = await service.transaction
      .write((tx) => [
        tx.sessionCounter
          .patch(sessionKey(b))
          .add({ [b.status === 'held' ? 'held' : 'confirmed']: b.seats, version: 1 })
          .subtract({ available: b.seats })
          .where(
            ({ available: left, waiting }, { gte, eq, notExists }) =>
              `${gte(left, b.seats)} AND (${notExists(waiting)} OR ${eq(waiting, 0)})`,
          )
          .commit(),
        tx.booking.create(toBookingItem(b)).commit(),
        ...b.seatLabels.map((label) =>
          tx.bookingSeat
            .create({
              ...sessionKey(b),
              label,
              bookingId: b.bookingId,
              state: b.status === 'held' ? 'held' : 'confirmed',
            })
            .commit(),
        ),
        ...stepRecords(tx, { booking: b, from: null, by: b.bookedBy, reason: 'booked' }),
        tx.organization
          .check({ orgId: b.orgId })
          .where(({ status }, { eq }) => eq(status, 'active'))
          .commit(),
        // Price and settings were taken from this version of the event: any change makes it retry.
        tx.event
          .check({ orgId: b.orgId, eventId: b.eventId })
          .where(
            ({ status, deleting, updatedAt }, { eq }) =>
              `${eq(status, 'published')} AND ${eq(deleting, false)} AND ${eq(updatedAt, nb.event.updatedAt)}`,
          )
          .commit(),
        nb.holder.kind === 'party'
          ? tx.party
              .check({ orgId: b.orgId, partyId: nb.holder.party.partyId })
              .where(({ version }, { eq }) =>
                eq(version, (nb.holder as { party: { version: number } }).party.version),
              )
              .commit()
          : tx.attendee
              .check({ orgId: b.orgId, attendeeId: nb.holder.attendeeId })
              .where((attr, { eq, exists }) =>
                nb.holder.kind === 'attendee' && nb.holder.linkedTo
                  ? eq(attr.userId, nb.holder.linkedTo)
                  : exists(attr.attendeeId),
              )
              .commit(),
        sessionUnchanged(tx, sessionKey(b), nb.session.updatedAt),
      ])
      .go();
    await explainCreate(nb, parts, failedItems(outcome));
    expectCommitted(outcome, []);
  };

  const get = async (ref: { orgId: string; sessionId: string; bookingId: string }) => {
    const { data } = await booking.get(ref).go({ consistent: true });
    return data ? toBooking(data as BookingItem) : undefined;
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

    create: (nb) => retryTransient(() => create(nb)),

    get,

    async recordHoldReminder(b) {
      const remindAt = holdReminderAt(b);
      if (!remindAt) return undefined;
      let ref: NotificationRef | undefined;
      const outcome = await service.transaction
        .write((tx) => {
          const reminder = holdReminder(tx, b, remindAt);
          ref = reminder.ref;
          return [reminder.item];
        })
        .go();
      // Its one condition is that the item is new: failing it means the reminder was written.
      if (failedItems(outcome).length > 0) return undefined;
      expectCommitted(outcome, []);
      return ref;
    },

    async history(ref) {
      const { data } = await bookingHistory.query.byBooking(ref).go({ consistent: true, pages: 'all' });
      // Steps of one instant sort by the lifecycle (from nothing, then held, then confirmed).
      const rank = (h: HistoryItem) => ['held', 'confirmed'].indexOf(h.from ?? '') + 1;
      return (data as HistoryItem[])
        .sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b))
        .map(toHistoryEntry);
    },

    transition: (change) =>
      retryTransient(async () => {
        const { current, next, by, reason, deadline, requeuePosition, notification } = change;
        const offerOutcome = { current, next, requeuePosition };
        const from = counterBucket(current.status);
        const to = counterBucket(next.status);
        const releases = isLive(current.status) && !isLive(next.status);
        const outcome = await service.transaction
          .write((tx) => [
            tx.booking
              .put(toBookingItem(next))
              .where((attr, { eq, gt, lte }) =>
                [
                  eq(attr.status, current.status),
                  ...(deadline === 'running' ? [gt(attr.holdExpiresAt, next.updatedAt)] : []),
                  ...(deadline === 'passed' ? [lte(attr.holdExpiresAt, next.updatedAt)] : []),
                ].join(' AND '),
              )
              .commit(),
            tx.sessionCounter
              .patch(sessionKey(current))
              .add({
                [to]: current.seats,
                version: 1,
                ...(requeuesEntry(offerOutcome) ? { waiting: 1 } : {}),
              })
              .subtract({ [from]: current.seats })
              .where((attr, { gte }) => gte(attr[from], current.seats))
              .commit(),
            ...current.seatLabels.map((label) =>
              releases
                ? tx.bookingSeat
                    .delete({ ...sessionKey(current), label })
                    .where(({ bookingId }, { eq }) => eq(bookingId, current.bookingId))
                    .commit()
                : tx.bookingSeat
                    .patch({ ...sessionKey(current), label })
                    .set({ state: next.status === 'held' ? 'held' : 'confirmed' })
                    .where(({ bookingId }, { eq }) => eq(bookingId, current.bookingId))
                    .commit(),
            ),
            ...stepRecords(tx, { booking: next, from: current.status, by, reason, notification }),
            ...(releases ? [capacityReleased(tx, next)] : []),
            ...offerOutcomeRecords(tx, offerOutcome),
          ])
          .go();
        if (failedItems(outcome)[0] === 0) return 'stale';
        expectCommitted(outcome, []);
        return 'done';
      }),

    listBySession: (orgId, sessionId, page) =>
      queryPage(
        `bookings:${orgId}:${sessionId}`,
        page,
        (opts) => booking.query.bySession({ orgId, sessionId }).go(opts),
        (i) => toBooking(i as BookingItem),
      ),

    listByHolder: (orgId, holderId, page) =>
      queryPage(
        `bookings:${orgId}:holder:${holderId}`,
        page,
        (opts) => booking.query.byHolder({ orgId, holderId }).go({ ...opts, order: 'desc' }),
        (i) => toBooking(i as BookingItem),
      ),

    listByUser: (userId, page) =>
      queryPage(
        `bookings:user:${userId}`,
        page,
        (opts) => booking.query.byUser({ listedUser: userId }).go({ ...opts, order: 'desc' }),
        (i) => toBooking(i as BookingItem),
      ),

    purgeSession: (orgId, sessionId, limit) => purgeSessionBookings(service, orgId, sessionId, limit),

    async listDueHolds(now, limit) {
      // Every shard's earliest `limit`, merged: the overall earliest `limit` are among them.
      const pages = await Promise.all(
        allDueShards().map((dueShard) =>
          booking.query
            .byDue({ dueShard })
            // The sort key is `${dueAt}#${bookingId}`: `~` sorts after `#`, so holds due exactly
            // at `now` are included; the filter below drops anything later.
            .lte({ dueAt: `${now}~` })
            .go({ limit, attributes: ['orgId', 'sessionId', 'bookingId', 'dueAt'] }),
        ),
      );
      return pages
        .flatMap((p) => p.data)
        .filter((d) => d.dueAt <= now)
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
        .slice(0, limit)
        .map((d) => ({ orgId: d.orgId, sessionId: d.sessionId, bookingId: d.bookingId, at: d.dueAt }));
    },
  };
};
