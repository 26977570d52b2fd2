import type { LatLng } from './geo-distance.js';

/**
 * Discovery (docs/discovery.md): the tenant's interests, the ones each user picks, and the index
 * of published public events by place that radius searches read.
 */

/** One interest of the tenant's catalog (seed 002 EVENT_INTEREST). */
export interface Interest {
  interestId: string;
  name: string;
  slug: string;
}

/** How many interests a user may pick, and an event may carry. */
export const maxUserInterests = 20;
export const maxEventInterests = 10;

/** The interests a user picked (seed 002 USER_PROFILE_EVENT_INTERESTS). */
export interface UserInterests {
  userId: string;
  interestIds: string[];
  updatedAt: string;
}

/**
 * The index entry of one published public event with a placed venue: what the search's filters
 * and ranking need without reading the event. The catalog writes it in the transaction of each
 * change of the event (discoveryEntryOf).
 */
export interface DiscoveryEntry extends LatLng {
  orgId: string;
  eventId: string;
  venueId: string;
  title: string;
  /** The event's announced start and end (UTC); null when unscheduled. */
  startsAt: string | null;
  endsAt: string | null;
  /** The event's own price: 0 for a free event; else in minor units of `currency`. */
  priceMinor: number;
  currency: string | null;
  /**
   * How many ticket categories the event sells (the event's `categoryCount`): 0, it sells at its
   * own price; else (null: unknown, an entry written before it was indexed) its price is read
   * from its categories at search time.
   */
  categoryCount: number | null;
  admission: 'open' | 'approval';
  interestIds: string[];
  tags: string[];
}

/** An entry within the search's radius, scored (lower ranks first); the live checks are still to run. */
export interface RankedEntry extends DiscoveryEntry {
  distanceKm: number;
  /** Interests of the event the caller has. */
  matchedInterestIds: string[];
  score: number;
}

/**
 * A search result. `priceMinor`/`currency` are the cheapest ticket a buyer can choose now: the
 * event's own price when it sells no categories, else its cheapest public category on sale
 * (`onSale` false when none is: the event's own price is shown).
 */
export interface DiscoveredEvent extends Omit<RankedEntry, 'categoryCount'> {
  onSale: boolean;
  /**
   * The event's own start; without one, the start of its first scheduled session in the asked
   * range, else of its first one not over yet.
   */
  nextStartsAt: string | null;
}

/** The largest radius a search may ask for (bounds the Queries one search makes). */
export const maxRadiusKm = 50;
/** The radius "for you" looks within. */
export const forYouRadiusKm = 25;
