import type { CreateEntityItem, EntityItem } from 'electrodb';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { commitTransaction, isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import { venueDeleting } from '../domain/errors.js';
import type { Room, Venue } from '../domain/model.js';
import type { VenueStore } from '../domain/ports.js';
import { noManager, type venueEntity } from './entities/venue.js';

type VenueItem = EntityItem<typeof venueEntity>;

const roomOf = fromStored<Room, VenueItem['rooms'][number]>({ nullable: { capacity: true }, itemOnly: {} });

const venueFields = fromStored<Omit<Venue, 'rooms' | 'managerId'>, Omit<VenueItem, 'rooms' | 'managerId'>>({
  nullable: { geo: true, type: true },
  itemOnly: {},
});

const toVenue = ({ rooms, managerId, ...rest }: VenueItem): Venue => ({
  ...venueFields(rest),
  rooms: rooms.map(roomOf),
  managerId: managerId === noManager ? null : managerId,
});

/** Nulls become absent attributes, except the manager (see entities/venue.ts). */
const toItem = (v: Venue): CreateEntityItem<typeof venueEntity> => ({
  ...toStored(v),
  rooms: v.rooms.map(toStored),
  managerId: v.managerId ?? noManager,
});

export const dynamoVenueStore = (service: EventlyService): VenueStore => {
  const { venue } = service.entities;

  const get = async (orgId: string, venueId: string) => {
    const { data } = await venue.get({ orgId, venueId }).go({ consistent: true });
    return data ? toVenue(data) : undefined;
  };

  return {
    get,

    async create(v) {
      await venue.create(toItem(v)).go();
    },

    list: (orgId, page) =>
      queryPage(`venues:${orgId}`, page, (opts) => venue.query.byOrg({ orgId }).go(opts), toVenue),

    listByManager: (orgId, managerId, page) =>
      queryPage(
        `venues:${orgId}:manager:${managerId}`,
        page,
        (opts) => venue.query.byManager({ orgId, managerId }).go(opts),
        toVenue,
      ),

    async replace(current, next, droppedRooms = []) {
      const whyVenueFailed = async () => {
        const now = await get(current.orgId, current.venueId);
        if (!now) return notFound('venue');
        if (now.deleting) return venueDeleting();
        return new DomainError('CONFLICT', 'the venue was changed by someone else meanwhile; read it again');
      };
      await commitTransaction(service, (tx) => [
        {
          label: 'venue',
          write: tx.venue
            .put(toItem(next))
            .where(
              ({ updatedAt, deleting }, { eq }) =>
                `${eq(updatedAt, current.updatedAt)} AND ${eq(deleting, false)}`,
            )
            .commit(),
          fails: whyVenueFailed,
        },
        // Each dropped room's schedule as it was found free (a session placed in it since moved
        // it), retired: a session write that read the venue before this one is refused too.
        ...droppedRooms.map((room) => {
          const key = { orgId: current.orgId, venueId: current.venueId, roomId: room.roomId };
          return {
            label: 'room',
            write:
              room.version === 0
                ? tx.roomVersion.create({ ...key, version: 1, retired: true }).commit()
                : tx.roomVersion
                    .patch(key)
                    .add({ version: 1 })
                    .set({ retired: true })
                    .where(({ version }, { eq }) => eq(version, room.version))
                    .commit(),
            fails: new DomainError(
              'CONFLICT',
              'a session was scheduled in a room this change removes; read the venue again',
              { roomId: room.roomId },
            ),
          };
        }),
      ]);
    },

    async markDeleting(orgId, venueId, at) {
      try {
        await venue.patch({ orgId, venueId }).set({ deleting: true, updatedAt: at }).go();
      } catch (err) {
        if (isConditionFailure(err)) throw notFound('venue');
        throw err;
      }
    },

    async unmarkDeleting(orgId, venueId, at) {
      try {
        await venue
          .patch({ orgId, venueId })
          .set({ deleting: false, updatedAt: at })
          .where(({ deleting }, { eq }) => eq(deleting, true))
          .go();
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },

    async remove(orgId, venueId) {
      await venue.delete({ orgId, venueId }).go();
    },

    async purgeOrg(orgId, limit) {
      const { data } = await venue.query.byOrg({ orgId }).go({ limit });
      if (data.length > 0) await venue.delete(data.map((v) => ({ orgId, venueId: v.venueId }))).go();
      return data.length;
    },
  };
};
