/** The forecast's vocabulary: what a training row, a session to forecast and a forecast are. */

export const forecastModelVersion = 'shrinkage-v1';
export const baselineModelVersion = 'baseline-mean-v1';

export type ForecastFigure = 'fillRate' | 'noShowRate' | 'waitlistConversion' | 'waitMinutesPerPosition';
export const forecastFigures: readonly ForecastFigure[] = [
  'fillRate',
  'noShowRate',
  'waitlistConversion',
  'waitMinutesPerPosition',
];

/** One ended session: a training row. */
export interface SessionOutcome {
  sessionId: string;
  eventId: string;
  venueId: string;
  /** ISO instant. */
  startsAt: string;
  /** 0 (Sunday) .. 6, in the venue's zone. */
  weekday: number;
  /** Places the session offered. */
  capacity: number;
  /** Places in bookings confirmed at start. */
  confirmedPlaces: number;
  /** Places admitted at the door; undefined = no check-in data. */
  admittedPlaces?: number;
  /** Waitlist entries (any party size). */
  waitlistJoined: number;
  /** Of those, entries whose offer became a booking. */
  waitlistBooked: number;
  /** Each offered entry: its wait from joining to its offer, and its position when it joined (>= 1). */
  waitMinutes: { minutes: number; position: number }[];
  /** Days between the first booking and the start (how early people book); optional. */
  leadDays?: number;
}

/** A session to forecast. */
export interface UpcomingSession {
  sessionId: string;
  eventId: string;
  venueId: string;
  startsAt: string;
  weekday: number;
  capacity: number;
  /**
   * Days between the session's first booking and its start, when already known; without it the
   * event's usual lead time from its history stands in.
   */
  leadDays?: number;
}

/** A figure's central value and its 80% interval. */
export interface Interval {
  value: number;
  low: number;
  high: number;
}

/** What the waitlist estimate needs beyond the four figures. */
export interface WaitlistOutlook {
  /** Offers a session of this kind makes to its waitlist (places freed, and re-offers after a decline). */
  expectedOffers: number;
  /** Share of offers that become a booking. */
  offerAcceptance: number;
}

export interface SessionForecast {
  modelVersion: string;
  /** ISO instant. */
  generatedAt: string;
  figures: Record<ForecastFigure, Interval>;
  /** How many training sessions informed each figure at the finest level used (explainability). */
  basis: Record<ForecastFigure, { level: string; sessions: number }>;
  waitlist: WaitlistOutlook;
}
