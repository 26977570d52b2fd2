import type { Deps } from '../../../kernel/domain/deps.js';
import {
  datesEvent,
  type EventPrice,
  filtersPrice,
  priceMatches,
  type SearchFilter,
  stillToCome,
} from './filters.js';
import type { DiscoveredEvent, DiscoveryEntry, RankedEntry } from './model.js';

type Session = Awaited<ReturnType<Deps['sessions']['listByEvent']>>['items'][number];

/** Sessions read per page, and at most per event (an event with more is judged by its first ones). */
const sessionPage = 50;
const maxSessionsRead = 200;

/**
 * The event's sessions in start order, read a page at a time only as far as a check goes, each
 * page once however many checks walk them.
 */
const sessionsOf = (deps: Pick<Deps, 'sessions'>, e: Pick<DiscoveryEntry, 'orgId' | 'eventId'>) => {
  const read: Session[] = [];
  let cursor: string | null | undefined;
  return async function* walk(): AsyncGenerator<Session> {
    for (let i = 0; ; i += 1) {
      if (i >= read.length) {
        if (cursor === null || read.length >= maxSessionsRead) return;
        const page = await deps.sessions.listByEvent(e.orgId, e.eventId, {
          limit: sessionPage,
          cursor: cursor ?? undefined,
        });
        read.push(...page.items);
        cursor = page.nextCursor;
        if (i >= read.length) return;
      }
      const s = read[i];
      if (s) yield s;
    }
  };
};

/** The price a result shows and the price filter compares: its cheapest ticket on sale now. */
const priceOf = async (deps: Pick<Deps, 'categories'>, e: RankedEntry, now: string): Promise<EventPrice> => {
  const own = { priceMinor: e.priceMinor, currency: e.currency };
  if (e.categoryCount === 0) return { ...own, onSale: true };
  const cheapest = await deps.categories.cheapestOnSale(e.orgId, e.eventId, now);
  return cheapest ? { ...cheapest, onSale: true } : { ...own, onSale: false };
};

/**
 * The result a ranked entry makes, or undefined when a check read live leaves it out: its price
 * (its categories, for an event that sells some), its dates (its sessions, for an event without a
 * start of its own) and, with `freePlaces`, a free place in a session still to come (its counter,
 * shards summed). Each read is made only for the entries a page reaches.
 */
export const liveResult = async (
  deps: Pick<Deps, 'categories' | 'sessions'>,
  e: RankedEntry,
  f: SearchFilter,
  now: string,
): Promise<DiscoveredEvent | undefined> => {
  const price = await priceOf(deps, e, now);
  if (filtersPrice(f) && !priceMatches(price, f)) return undefined;
  const sessions = sessionsOf(deps, e);
  let nextStartsAt = e.startsAt;
  if (!nextStartsAt) {
    for await (const s of sessions()) {
      if (datesEvent(s, f, now)) {
        nextStartsAt = s.startsAt;
        break;
      }
    }
    if (!nextStartsAt) return undefined;
  }
  if (f.freePlaces && !(await hasFreePlace(deps, sessions(), now))) return undefined;
  const { categoryCount: _, ...shown } = e;
  return { ...shown, ...price, nextStartsAt };
};

const hasFreePlace = async (deps: Pick<Deps, 'sessions'>, sessions: AsyncIterable<Session>, now: string) => {
  for await (const s of sessions) {
    if (!stillToCome(s, now)) continue;
    const counter = await deps.sessions.getCounter(s.orgId, s.sessionId);
    if (counter && counter.available > 0) return true;
  }
  return false;
};
