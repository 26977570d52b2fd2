import {
  book,
  cancel,
  changeCapacity,
  leaveWaitlist,
  type PlannedRequest,
  readBookings,
  readNotifications,
  readWaitlist,
  respondToOffer,
} from './operations.js';
import { mulberry32, type Prng } from './prng.js';
import {
  cancellable,
  engagedSessions,
  newUserState,
  openOffers,
  type UserState,
  waitingEntries,
} from './user-state.js';
import { type SoakWorld, sessionCapacity } from './world.js';

/**
 * The mix: each scheduled slot draws a category with these weights, then a user (and item) for
 * it from what the generator knows. A category with nobody to act on (no live booking to cancel,
 * no entry to answer) falls back as documented below, so the realised shares drift a little from
 * the weights; the report shows the realised counts.
 */
export const mixWeights = {
  book: 35,
  cancel: 15,
  waitlist: 10,
  read: 35,
  staff: 5,
} as const;

type Category = keyof typeof mixWeights;

/**
 * A user books or waits for at most this many sessions at a time, as people do: 300 users x 2 is
 * the world's 600 places, so sessions stay contended while the lines stay bounded (a load in which
 * everyone joins every line grows the work per request without end and measures that instead).
 */
const maxEngagedPerUser = 2;

/** Staff keep each session's capacity within this band around its start, so it stays contended. */
const capacityBand = { min: sessionCapacity - 6, max: sessionCapacity + 6 } as const;

export interface MixPlanner {
  next(): PlannedRequest;
}

/** Draws from candidates of all users: a user with several bookings is likelier to cancel one. */
const pickItem = <T>(rng: Prng, users: readonly UserState[], of: (u: UserState) => T[]) => {
  const all = users.flatMap((user) => of(user).map((item) => ({ user, item })));
  return all.length ? rng.pick(all) : undefined;
};

/**
 * Two streams from one seed: the kinds come from their own, so the sequence of categories is the
 * same in every run with that seed; users and items (which depend on the answers) from the other.
 */
export const createMixPlanner = (world: SoakWorld, seed: number): MixPlanner => {
  const kinds = mulberry32(seed);
  const rng = mulberry32(seed ^ 0x9e3779b9);
  const { organizer, sessions } = world;
  const orgId = organizer.orgId;
  const users = world.users.map((u, i) => newUserState(i, u.token, u.attendeeId));
  const capacities = new Map(sessions.map((s) => [s.sessionId, sessionCapacity]));

  /** 1 seat mostly, 2 sometimes (a couple): `fit` policies then have something to skip over. */
  const planBook = (): PlannedRequest => {
    const open = users.filter((u) => engagedSessions(u).size < maxEngagedPerUser);
    // Everyone is at their limit: someone gives a place up instead.
    if (open.length === 0) return planGiveUp();
    const user = rng.pick(open);
    const engaged = engagedSessions(user);
    const free = sessions.filter((s) => !engaged.has(s.sessionId));
    const session = rng.pick(free.length ? free : sessions);
    return book(user, orgId, session.sessionId, rng.next() < 0.7 ? 1 : 2);
  };

  /** Cancel a live booking or leave a line; nothing to give up -> a read. */
  const planGiveUp = (): PlannedRequest => {
    const booking = pickItem(rng, users, cancellable);
    if (booking) return cancel(booking.user, orgId, booking.item);
    const entry = pickItem(rng, users, waitingEntries);
    return entry ? leaveWaitlist(entry.user, orgId, entry.item) : readWaitlist(rng.pick(users));
  };

  const planRead = (): PlannedRequest => {
    const kind = rng.weighted({ notifications: 4, bookings: 3, waitlist: 3 });
    if (kind === 'notifications') return readNotifications(rng.pick(users));
    if (kind === 'bookings') return readBookings(rng.pick(users));
    // Mostly users who wait: that is how offers are found (as a client polling its list would).
    const waiting = users.filter((u) => [...u.entries.values()].some((e) => e.status === 'waiting'));
    return readWaitlist(waiting.length && rng.next() < 0.8 ? rng.pick(waiting) : rng.pick(users));
  };

  /** Cancel a live booking; nobody has one -> book instead. */
  const planCancel = (): PlannedRequest => {
    const found = pickItem(rng, users, cancellable);
    return found ? cancel(found.user, orgId, found.item) : planBook();
  };

  /** Answer a known offer (2 in 3 accept) 70% of the time, else leave; either missing -> the other, then a read. */
  const planWaitlist = (): PlannedRequest => {
    const offer = () => {
      const found = pickItem(rng, users, openOffers);
      return found && respondToOffer(found.user, orgId, found.item, rng.next() < 2 / 3);
    };
    const leave = () => {
      const found = pickItem(rng, users, waitingEntries);
      return found && leaveWaitlist(found.user, orgId, found.item);
    };
    const [first, second] = rng.next() < 0.7 ? [offer, leave] : [leave, offer];
    return first() ?? second() ?? readWaitlist(rng.pick(users));
  };

  /** Raise or lower by 1-3 places, turning back at the band's edges. */
  const planStaff = (): PlannedRequest => {
    const session = rng.pick(sessions);
    const current = capacities.get(session.sessionId) ?? sessionCapacity;
    const step = rng.int(1, 3) * (rng.next() < 0.5 ? -1 : 1);
    const wanted = current + step;
    const target = wanted < capacityBand.min || wanted > capacityBand.max ? current - step : wanted;
    return changeCapacity(organizer.token, orgId, session.sessionId, target, (capacity) =>
      capacities.set(session.sessionId, capacity),
    );
  };

  const planners: Record<Category, () => PlannedRequest> = {
    book: planBook,
    cancel: planCancel,
    waitlist: planWaitlist,
    read: planRead,
    staff: planStaff,
  };
  return { next: () => planners[kinds.weighted(mixWeights)]() };
};
