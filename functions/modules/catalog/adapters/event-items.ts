import type { CreateEntityItem, EntityItem } from 'electrodb';
import { optional } from '../../../kernel/dynamo/entity-base.js';
import type { Event, Price, PublicEvent } from '../domain/model.js';
import type { eventEntity } from './entities/event.js';
import type { eventListingEntity } from './entities/event-listing.js';

/** Sorts after every ISO date and outside every date range (see entities/event.ts). */
export const unscheduled = 'unscheduled';

export type EventItem = EntityItem<typeof eventEntity>;
export type ListingItem = EntityItem<typeof eventListingEntity>;
type PriceItem = EventItem['price'];

export const toPrice = (p: PriceItem): Price =>
  p.kind === 'paid'
    ? { kind: 'paid', amountMinor: p.amountMinor ?? 0, currency: p.currency ?? '' }
    : { kind: 'free' };

export const toEvent = ({ startKey: _key, hostId, startsAt, endsAt, price, ...rest }: EventItem): Event => ({
  orgId: rest.orgId,
  eventId: rest.eventId,
  venueId: rest.venueId,
  hostId: hostId ?? null,
  title: rest.title,
  description: rest.description,
  defaultDurationMinutes: rest.defaultDurationMinutes,
  defaultCapacity: rest.defaultCapacity,
  visibility: rest.visibility,
  admission: rest.admission,
  price: toPrice(price),
  tags: rest.tags,
  coverImageUrls: rest.coverImageUrls,
  startsAt: startsAt ?? null,
  endsAt: endsAt ?? null,
  settings: rest.settings,
  status: rest.status,
  deleting: rest.deleting,
  createdAt: rest.createdAt,
  updatedAt: rest.updatedAt,
});

export const toEventItem = ({
  hostId,
  startsAt,
  endsAt,
  ...rest
}: Event): CreateEntityItem<typeof eventEntity> => ({
  ...rest,
  ...optional('hostId', hostId),
  ...optional('startsAt', startsAt),
  ...optional('endsAt', endsAt),
  startKey: startsAt ?? unscheduled,
});

/** The listings an event appears in: none unless published and public; else `all` and one per tag. */
export const listingsOf = (e: Event): CreateEntityItem<typeof eventListingEntity>[] => {
  if (e.status !== 'published' || e.visibility !== 'public' || e.deleting) return [];
  const shown = {
    orgId: e.orgId,
    eventId: e.eventId,
    venueId: e.venueId,
    title: e.title,
    description: e.description,
    ...optional('startsAt', e.startsAt),
    ...optional('endsAt', e.endsAt),
    tags: e.tags,
    coverImageUrls: e.coverImageUrls,
    admission: e.admission,
    price: e.price,
    startKey: e.startsAt ?? unscheduled,
  };
  return ['all', ...e.tags.map((t) => `tag#${t}`)].map((scope) => ({ ...shown, scope }));
};

export const toPublicEvent = (l: ListingItem): PublicEvent => ({
  orgId: l.orgId,
  eventId: l.eventId,
  venueId: l.venueId,
  title: l.title,
  description: l.description,
  startsAt: l.startsAt ?? null,
  endsAt: l.endsAt ?? null,
  tags: l.tags,
  coverImageUrls: l.coverImageUrls,
  admission: l.admission,
  price: toPrice(l.price),
});
