import type { FieldIssue } from '../../../kernel/domain/errors.js';
import type { DiscoveryEntry } from './model.js';

/** The filters a search applies beside the place (contracts: GET /v1/discover/events). */
export interface SearchFilter {
  /** Half-open [from, to) on the event's start (or, without one, on its sessions' starts). */
  from?: string | undefined;
  to?: string | undefined;
  interest?: string | undefined;
  /** The cheapest ticket a buyer can choose now at most this (minor units of `currency`). */
  maxPriceMinor?: number | undefined;
  /** Only events priced in this ISO 4217 currency (free ones cost nothing in any). */
  currency?: string | undefined;
  /** Only events with a session still to come that has a free place (read live from its counter). */
  freePlaces?: boolean | undefined;
}

/** What the price filter compares: the cheapest ticket a buyer can choose now (`onSale`), or none. */
export interface EventPrice {
  priceMinor: number;
  currency: string | null;
  /** False when the event sells categories and none a buyer may choose is on sale now. */
  onSale: boolean;
}

export const inRange = (at: string, f: Pick<SearchFilter, 'from' | 'to'>) =>
  (!f.from || at >= f.from) && (!f.to || at < f.to);

const hasRange = (f: Pick<SearchFilter, 'from' | 'to'>) => Boolean(f.from || f.to);

/**
 * An event dated by its own start: in the range; without a range, not over (its end, or else its
 * start, not passed). An event without a start of its own is decided by its sessions (`datesEvent`).
 */
export const inWindow = (e: Pick<DiscoveryEntry, 'startsAt' | 'endsAt'>, f: SearchFilter, now: string) => {
  if (!e.startsAt) return true;
  if (hasRange(f)) return inRange(e.startsAt, f);
  return (e.endsAt ?? e.startsAt) >= now;
};

/** A session a search counts: scheduled, not being deleted. */
export interface SessionTimes {
  status: string;
  deleting: boolean;
  startsAt: string;
  endsAt: string;
}

const live = (s: SessionTimes) => s.status === 'scheduled' && !s.deleting;

/**
 * Whether a session dates an event without a start of its own: it starts in the range; without a
 * range, it is not over yet (still to come or under way).
 */
export const datesEvent = (s: SessionTimes, f: SearchFilter, now: string) =>
  live(s) && (hasRange(f) ? inRange(s.startsAt, f) : s.endsAt > now);

/** Whether a session's free places count (`freePlaces`): live and not over. */
export const stillToCome = (s: SessionTimes, now: string) => live(s) && s.endsAt > now;

/**
 * Minor units compare only within a currency: a maximum above 0 needs one (0 asks for free events,
 * free in any currency).
 */
export const priceFilterIssues = (f: Pick<SearchFilter, 'maxPriceMinor' | 'currency'>): FieldIssue[] =>
  f.maxPriceMinor && !f.currency
    ? [
        {
          field: 'currency',
          message: 'is needed with a maxPriceMinor above 0 (prices compare in one currency)',
        },
      ]
    : [];

/**
 * The price filter. `currency`: events priced in it, and free ones (nothing to pay in any
 * currency). `maxPriceMinor`: a ticket on sale now at most that (in `currency` unless free).
 */
export const priceMatches = (p: EventPrice, f: Pick<SearchFilter, 'maxPriceMinor' | 'currency'>) => {
  const free = p.onSale && p.priceMinor === 0;
  if (f.currency && !free && p.currency !== f.currency) return false;
  return f.maxPriceMinor === undefined || (p.onSale && p.priceMinor <= f.maxPriceMinor);
};

/** Whether the price filter asks anything. */
export const filtersPrice = (f: Pick<SearchFilter, 'maxPriceMinor' | 'currency'>) =>
  f.maxPriceMinor !== undefined || f.currency !== undefined;
