import type { CreateEntityItem, EntityItem } from 'electrodb';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import { venueDeleting } from '../domain/errors.js';
import type { Venue } from '../domain/model.js';
import type { VenueStore } from '../domain/ports.js';
import { noManager, type venueEntity } from './entities/venue.js';

const toVenue = (i: EntityItem<typeof venueEntity>): Venue => ({
  orgId: i.orgId,
  venueId: i.venueId,
  name: i.name,
  address: i.address,
  city: i.city,
  timezone: i.timezone,
  geo: i.geo ?? null,
  type: i.type ?? null,
  rooms: i.rooms.map((r) => ({ roomId: r.roomId, name: r.name, capacity: r.capacity ?? null })),
  managerId: i.managerId === noManager ? null : i.managerId,
  deleting: i.deleting,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
});

/** Nulls become absent attributes, except the manager (see entities/venue.ts). */
const toItem = (v: Venue): CreateEntityItem<typeof venueEntity> => ({
  orgId: v.orgId,
  venueId: v.venueId,
  name: v.name,
  address: v.address,
  city: v.city,
  timezone: v.timezone,
  ...(v.geo ? { geo: v.geo } : {}),
  ...(v.type ? { type: v.type } : {}),
  rooms: v.rooms.map(({ capacity, ...r }) => ({ ...r, ...(capacity === null ? {} : { capacity }) })),
  managerId: v.managerId ?? noManager,
  deleting: v.deleting,
  createdAt: v.createdAt,
  updatedAt: v.updatedAt,
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

    async replace(current, next) {
      try {
        await venue
          .put(toItem(next))
          .where(
            ({ updatedAt, deleting }, { eq }) =>
              `${eq(updatedAt, current.updatedAt)} AND ${eq(deleting, false)}`,
          )
          .go();
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const now = await get(current.orgId, current.venueId);
        if (!now) throw notFound('venue');
        if (now.deleting) throw venueDeleting();
        throw new DomainError('CONFLICT', 'the venue was changed by someone else meanwhile; read it again');
      }
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
