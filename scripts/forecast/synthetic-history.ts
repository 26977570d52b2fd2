import type {
  ForecastFigure,
  SessionOutcome,
} from '../../functions/modules/forecasts/domain/forecast-model.js';
import { Random } from './random.js';

/**
 * A seeded organization's ended sessions over about 15 months, drawn from a known truth: each
 * session's rates come from latent per-venue, per-event and per-weekday effects (plus a free-event
 * shift, a lead-time slope and a per-session shock) on the logit scale (the log scale for the
 * wait), and its counts are drawn from those rates with binomial, Poisson and gamma noise. The
 * forecast eval trains on the early part and scores the late part; a benchmark can ask for a
 * larger tenant through `events` and `venues`.
 */

export type Quantity = 'fill' | 'noShow' | 'conversion' | 'acceptance' | 'wait';
export type Effects = Record<Quantity, number>;
const quantities: readonly Quantity[] = ['fill', 'noShow', 'conversion', 'acceptance', 'wait'];

/**
 * The truth's settings. Logit scale for the rates (fill, no-show, waitlist conversion, acceptance
 * of an offer), natural log of minutes per position for the wait. Free events fill better, are
 * skipped far more often (no money lost: free events commonly lose 40% of their bookings, paid ones
 * under 10%), free more places for their lines (more cancellations) and turn over faster; people
 * who book far ahead skip more often and wait longer per position; an event with a long line
 * converts less of it.
 */
export const truthSettings = {
  intercept: { fill: 0.45, noShow: -2.45, conversion: -0.9, acceptance: 0.85, wait: Math.log(90) },
  venueSd: { fill: 0.5, noShow: 0.4, conversion: 0.3, acceptance: 0.2, wait: 0.4 },
  eventSd: { fill: 1, noShow: 0.45, conversion: 0.7, acceptance: 0.4, wait: 0.6 },
  /**
   * The week's shape, Sunday to Saturday: weekend sessions fill far better and are skipped less;
   * each organization's week varies around it by `weekdaySd`.
   */
  weekdayShape: {
    fill: [0.3, -0.6, -0.5, -0.3, 0, 0.5, 0.7],
    noShow: [0, 0.2, 0.15, 0.1, 0, -0.15, -0.25],
    conversion: [0, 0.15, 0.1, 0.05, 0, -0.1, -0.15],
    acceptance: [0, 0, 0, 0, 0, 0, 0],
    wait: [0, 0.2, 0.15, 0.1, 0, -0.15, -0.2],
  },
  weekdaySd: { fill: 0.15, noShow: 0.1, conversion: 0.1, acceptance: 0.05, wait: 0.1 },
  sessionSd: { fill: 0.35, noShow: 0.25, conversion: 0.2, acceptance: 0.2, wait: 0.25 },
  freeShift: { fill: 0.2, noShow: 2, conversion: 0.7, acceptance: -0.3, wait: -0.2 },
  /** Per unit of ln(leadDays / 14). */
  leadSlope: { fill: 0.2, noShow: 0.3, conversion: 0, acceptance: 0, wait: 0.25 },
  /** Conversion per standard deviation of the event's line length (on top of its own effect). */
  overflowConversion: -0.9,
  freeShare: 0.35,
  /** Waitlist entries per place once a session sells out (5% to 120% of capacity): ln scale, per event. */
  overflowMean: Math.log(0.25),
  overflowSd: 0.8,
  /** Share of venues that scan tickets at the door, and how often such a venue's session has its scans. */
  scanningVenues: 0.8,
  scanShare: 0.92,
} as const satisfies Record<string, unknown>;

export interface VenueTruth {
  effects: Effects;
  /** Chance a session here has check-in data. */
  checkInShare: number;
}

export interface EventTruth {
  venueId: string;
  free: boolean;
  effects: Effects;
  /** ln of waitlist entries per place when sold out. */
  overflow: number;
  typicalLeadDays: number;
  capacity: number;
  sessions: number;
}

/** A session's true expected figures (what an oracle would forecast, its own shock included). */
export interface SessionTruth {
  fillRate: number;
  noShowRate: number;
  waitlistConversion: number;
  waitMinutesPerPosition: number;
  offerAcceptance: number;
  /**
   * The same figures from the venue, event, weekday, free and lead-time parts alone, without the
   * session's own shock: the best a model that knows only the session's groups could forecast.
   */
  withoutShock: Record<ForecastFigure, number>;
}

export interface HistoryTruth {
  weekday: Effects[];
  venues: Record<string, VenueTruth>;
  events: Record<string, EventTruth>;
  sessions: Record<string, SessionTruth>;
}

export interface HistoryOptions {
  seed: number;
  /** Default: 5..20, drawn from the seed. */
  venues?: number;
  /** Default: 50..300, drawn from the seed. */
  events?: number;
  months?: number;
  /** The first day of the history (ISO date). */
  origin?: string;
}

export interface SyntheticHistory {
  outcomes: SessionOutcome[];
  truth: HistoryTruth;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const dayMs = 86_400_000;
const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

const idOf = (random: Random, prefix: string): string => {
  let out = '';
  for (let i = 0; i < 20; i++) out += alphabet[Math.floor(random.next() * alphabet.length)];
  return `${prefix}_${out}`;
};

const effectsOf = (random: Random, sd: Effects): Effects => {
  const e = {} as Effects;
  for (const q of quantities) e[q] = random.normal(0, sd[q]);
  return e;
};

/** Days (from the origin) of an event's sessions, all inside the history: weekly, on consecutive days, or scattered. */
const scheduleOf = (random: Random, count: number, days: number): number[] => {
  // Runs on consecutive days are short (a festival, a show's run of a week or two); long events
  // are series: weekly, or scattered over the months.
  const style = count <= 14 ? random.next() : 0.35 + 0.65 * random.next();
  const gap = (): number => {
    if (style < 0.35) return 1;
    if (style < 0.8) return 7;
    return random.int(1, Math.max(1, Math.min(21, Math.floor((days - 1) / Math.max(1, count - 1)))));
  };
  const offsets = [0];
  for (let i = 1; i < count; i++) offsets.push((offsets[i - 1] ?? 0) + gap());
  const span = offsets[offsets.length - 1] ?? 0;
  const start = random.int(0, Math.max(0, days - 1 - span));
  return offsets.map((o) => Math.min(days - 1, start + o));
};

/**
 * A session's line: `joined` entries, each booked with the session's conversion; enough of the
 * others were offered a place and declined it that booked / offered is about the acceptance (all
 * of them when the conversion asks for more offers than there are entries). The offered entries
 * are the front of the line.
 */
const waitlistOf = (random: Random, joined: number, truth: SessionTruth) => {
  const conversion = truth.waitlistConversion;
  const acceptance = truth.offerAcceptance;
  const booked = random.binomial(joined, conversion);
  const declineShare = Math.min(
    1,
    (conversion * (1 - acceptance)) / Math.max(1e-9, acceptance * (1 - conversion)),
  );
  const offered = booked + random.binomial(joined - booked, declineShare);
  const waitMinutes: SessionOutcome['waitMinutes'] = [];
  for (let j = 1; j <= offered; j++) {
    // Entries joined over time: some of those ahead had already had their offer.
    const position = Math.max(1, j - random.binomial(j - 1, 0.4));
    // Each position ahead is one offer made, a gap of about the session's minutes per position.
    waitMinutes.push({ minutes: Math.round(random.gamma(position, truth.waitMinutesPerPosition)), position });
  }
  return { booked, waitMinutes };
};

export const generateHistory = (options: HistoryOptions): SyntheticHistory => {
  const s = truthSettings;
  const random = new Random(options.seed);
  const venueCount = options.venues ?? random.int(5, 20);
  const eventCount = options.events ?? random.int(50, 300);
  const days = Math.round((options.months ?? 15) * 30.44);
  const origin = Date.parse(`${options.origin ?? '2024-01-01'}T00:00:00Z`);

  const weekday = Array.from({ length: 7 }, (_, d) => {
    const e = effectsOf(random, s.weekdaySd);
    for (const q of quantities) e[q] += s.weekdayShape[q][d] ?? 0;
    return e;
  });
  const venues: Record<string, VenueTruth> = {};
  const venueIds: string[] = [];
  // Some venues host far more events than others.
  const venueWeights: number[] = [];
  for (let v = 0; v < venueCount; v++) {
    const id = idOf(random, 'ven');
    venueIds.push(id);
    venueWeights.push(Math.exp(random.normal(0, 0.7)));
    venues[id] = {
      effects: effectsOf(random, s.venueSd),
      checkInShare: random.chance(s.scanningVenues) ? s.scanShare : 0.1,
    };
  }
  const totalWeight = venueWeights.reduce((a, b) => a + b, 0);
  const pickVenue = (): string => {
    let u = random.next() * totalWeight;
    for (let v = 0; v < venueCount; v++) {
      u -= venueWeights[v] ?? 0;
      if (u <= 0) return venueIds[v] ?? '';
    }
    return venueIds[venueCount - 1] ?? '';
  };

  const events: Record<string, EventTruth> = {};
  const sessions: Record<string, SessionTruth> = {};
  const outcomes: SessionOutcome[] = [];
  for (let e = 0; e < eventCount; e++) {
    const eventId = idOf(random, 'evt');
    const venueId = pickVenue();
    const venue = venues[venueId]!;
    // Many one-off or short events, a few long runs: 1..40 sessions, most near the bottom.
    const count = 1 + Math.floor(39 * random.next() ** 2);
    const event: EventTruth = {
      venueId,
      free: random.chance(s.freeShare),
      effects: effectsOf(random, s.eventSd),
      overflow: random.normal(s.overflowMean, s.overflowSd),
      typicalLeadDays: Math.min(180, Math.max(0.5, Math.exp(random.normal(Math.log(14), 0.8)))),
      capacity: Math.round(random.logUniform(20, 500)),
      sessions: count,
    };
    events[eventId] = event;
    const hour = random.int(10, 21);
    for (const day of scheduleOf(random, count, days)) {
      const sessionId = idOf(random, 'ses');
      const startsAt = new Date(origin + day * dayMs + hour * 3_600_000);
      const wd = startsAt.getUTCDay();
      const capacity = random.chance(0.15)
        ? Math.min(500, Math.max(20, Math.round(event.capacity * random.logUniform(0.6, 1.4))))
        : event.capacity;
      const leadDays = Math.max(0.1, event.typicalLeadDays * Math.exp(random.normal(0, 0.35)));
      const lead = Math.log(leadDays / 14);
      const groups = {} as Effects;
      const z = {} as Effects;
      for (const q of quantities) {
        groups[q] =
          s.intercept[q] +
          venue.effects[q] +
          event.effects[q] +
          (weekday[wd]?.[q] ?? 0) +
          (event.free ? s.freeShift[q] : 0) +
          (q === 'conversion'
            ? (s.overflowConversion * (event.overflow - s.overflowMean)) / s.overflowSd
            : 0) +
          s.leadSlope[q] * lead;
        z[q] = groups[q] + random.normal(0, s.sessionSd[q]);
      }
      const truth: SessionTruth = {
        fillRate: sigmoid(z.fill),
        noShowRate: sigmoid(z.noShow),
        waitlistConversion: sigmoid(z.conversion),
        waitMinutesPerPosition: Math.exp(z.wait),
        offerAcceptance: sigmoid(z.acceptance),
        withoutShock: {
          fillRate: sigmoid(groups.fill),
          noShowRate: sigmoid(groups.noShow),
          waitlistConversion: sigmoid(groups.conversion),
          waitMinutesPerPosition: Math.exp(groups.wait),
        },
      };
      sessions[sessionId] = truth;

      const confirmed = random.binomial(capacity, truth.fillRate);
      const admitted = random.chance(venue.checkInShare)
        ? confirmed - random.binomial(confirmed, truth.noShowRate)
        : undefined;
      // A line forms once a session sells out, so only sessions meant to fill nearly have one; its
      // length is the demand left over, which is the event's (how sought after it is) more than the session's.
      const soldOut = random.chance(sigmoid((truth.fillRate - 0.8) * 30));
      const joined = soldOut
        ? random.poisson(capacity * Math.exp(event.overflow + random.normal(0, 0.3)))
        : 0;
      const line = waitlistOf(random, joined, truth);
      const outcome: SessionOutcome = {
        sessionId,
        eventId,
        venueId,
        startsAt: startsAt.toISOString(),
        weekday: wd,
        capacity,
        confirmedPlaces: confirmed,
        waitlistJoined: joined,
        waitlistBooked: line.booked,
        waitMinutes: line.waitMinutes,
      };
      if (admitted !== undefined) outcome.admittedPlaces = admitted;
      // Some sessions' first booking is not known (imported, or booked at the door).
      if (random.chance(0.9)) outcome.leadDays = Math.round(leadDays * 10) / 10;
      outcomes.push(outcome);
    }
  }
  outcomes.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.sessionId.localeCompare(b.sessionId));
  return { outcomes, truth: { weekday, venues, events, sessions } };
};
