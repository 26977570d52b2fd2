import type { CreateEntityItem, EntityItem } from 'electrodb';
import { fromStored, omit, toStored } from '../../../kernel/dynamo/stored.js';
import {
  defaultEventSettings,
  type Event,
  type EventSettings,
  type Price,
  type PublicEvent,
} from '../domain/model.js';
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

const eventFields = fromStored<
  Omit<Event, 'price' | 'settings' | 'categoryCount' | 'interestIds'>,
  Omit<EventItem, 'price' | 'settings' | 'categoryCount' | 'interestIds'>
>({
  nullable: { hostId: true, startsAt: true, endsAt: true },
  itemOnly: { startKey: true },
});

/** Settings added after an event was stored read as their defaults. */
const settingsOf = (stored: EventItem['settings']): EventSettings => {
  const d = defaultEventSettings;
  return {
    ...stored,
    latePayment: stored.latePayment ?? d.latePayment,
    refundCutoffMinutes: stored.refundCutoffMinutes ?? d.refundCutoffMinutes,
    ticketCodes: stored.ticketCodes ?? d.ticketCodes,
    checkinOpensMinutesBefore: stored.checkinOpensMinutesBefore ?? d.checkinOpensMinutesBefore,
    checkinReentry: stored.checkinReentry ?? d.checkinReentry,
    overbookingPercent: stored.overbookingPercent ?? d.overbookingPercent,
    requestHoldMinutes: stored.requestHoldMinutes ?? d.requestHoldMinutes,
    bookingsPerAttendee: stored.bookingsPerAttendee ?? d.bookingsPerAttendee,
    guestRules: stored.guestRules
      ? { plusOnes: stored.guestRules.plusOnes, allowedGenders: stored.guestRules.allowedGenders ?? null }
      : d.guestRules,
  };
};

/** The settings as stored: a rule that admits every gender has no list. */
const storedSettings = ({ guestRules, ...rest }: EventSettings): EventItem['settings'] => ({
  ...rest,
  guestRules: {
    plusOnes: guestRules.plusOnes,
    ...(guestRules.allowedGenders ? { allowedGenders: guestRules.allowedGenders } : {}),
  },
});

export const toEvent = ({ price, settings, categoryCount, interestIds, ...rest }: EventItem): Event => ({
  ...eventFields(rest),
  categoryCount: categoryCount ?? 0,
  interestIds: interestIds ?? [],
  settings: settingsOf(settings),
  price: toPrice(price),
});

export const toEventItem = (e: Event): CreateEntityItem<typeof eventEntity> => ({
  ...toStored(e),
  settings: storedSettings(e.settings),
  startKey: e.startsAt ?? unscheduled,
});

/** What a listing leaves out of its event; the record type keeps it in step with `PublicEvent`. */
const eventOnlyFields: Record<Exclude<keyof Event, keyof PublicEvent>, true> = {
  hostId: true,
  defaultDurationMinutes: true,
  defaultCapacity: true,
  visibility: true,
  settings: true,
  categoryCount: true,
  interestIds: true,
  status: true,
  deleting: true,
  createdAt: true,
  updatedAt: true,
};

/** The listings an event appears in: none unless published and public; else `all` and one per tag. */
export const listingsOf = (e: Event): CreateEntityItem<typeof eventListingEntity>[] => {
  if (e.status !== 'published' || e.visibility !== 'public' || e.deleting) return [];
  const shown = { ...toStored(omit(e, eventOnlyFields)), startKey: e.startsAt ?? unscheduled };
  return ['all', ...e.tags.map((t) => `tag#${t}`)].map((scope) => ({ ...shown, scope }));
};

const listingFields = fromStored<Omit<PublicEvent, 'price'>, Omit<ListingItem, 'price'>>({
  nullable: { startsAt: true, endsAt: true },
  itemOnly: { scope: true, startKey: true },
});

export const toPublicEvent = ({ price, ...rest }: ListingItem): PublicEvent => ({
  ...listingFields(rest),
  price: toPrice(price),
});
