import type { LatLng } from './geo-distance.js';
import type { DiscoveryEntry } from './model.js';

/** What the index needs of an event (the catalog's `Event` has these fields). */
export interface IndexedEvent {
  orgId: string;
  eventId: string;
  venueId: string;
  title: string;
  startsAt: string | null;
  endsAt: string | null;
  price: { kind: 'free' } | { kind: 'paid'; amountMinor: number; currency: string };
  categoryCount: number;
  admission: 'open' | 'approval';
  interestIds: string[];
  tags: string[];
  status: string;
  visibility: string;
  deleting: boolean;
}

/**
 * An event's index entry: only a published public event, not being deleted, at a venue with a
 * place (`geo`); none otherwise (its entry, if any, is then deleted).
 */
export const discoveryEntryOf = (e: IndexedEvent, geo: LatLng | null): DiscoveryEntry | undefined => {
  if (e.status !== 'published' || e.visibility !== 'public' || e.deleting || !geo) return undefined;
  return {
    orgId: e.orgId,
    eventId: e.eventId,
    venueId: e.venueId,
    title: e.title,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    priceMinor: e.price.kind === 'paid' ? e.price.amountMinor : 0,
    currency: e.price.kind === 'paid' ? e.price.currency : null,
    categoryCount: e.categoryCount,
    admission: e.admission,
    interestIds: [...e.interestIds],
    tags: [...e.tags],
    lat: geo.lat,
    lng: geo.lng,
  };
};
