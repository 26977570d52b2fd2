import { type ForecastFigure, forecastFigures, type SessionOutcome } from './forecast-types.js';

/**
 * What one ended session says about each quantity the model learns, on the scale the fit works
 * on: rates as logits (effects add up there and stay inside 0..1 when mapped back), waits as
 * log(1 + minutes) (effects multiply, the wait stays >= 0).
 */

/** The four figures, and two quantities the waitlist estimate needs. */
export type StatName = ForecastFigure | 'offersPerPlace' | 'offerAcceptance';
export const statNames: readonly StatName[] = [...forecastFigures, 'offersPerPlace', 'offerAcceptance'];

export interface Observation {
  /** The realised value on the figure's own scale (a share, or minutes). */
  raw: number;
  /** The value on the fit's scale, always finite (shares pulled off 0 and 1 by half a count). */
  y: number;
  /** Sampling variance of `y`: how much the session's own count alone makes it wobble. */
  sv: number;
}

const isWait = (stat: StatName): boolean => stat === 'waitMinutesPerPosition';

const countOf = (o: SessionOutcome, stat: Exclude<StatName, 'waitMinutesPerPosition'>) => {
  const offered = o.waitMinutes.length;
  switch (stat) {
    case 'fillRate':
      return o.capacity > 0 ? { k: Math.min(o.confirmedPlaces, o.capacity), n: o.capacity } : undefined;
    case 'noShowRate':
      return o.admittedPlaces === undefined || o.confirmedPlaces <= 0
        ? undefined
        : { k: Math.max(0, o.confirmedPlaces - o.admittedPlaces), n: o.confirmedPlaces };
    case 'waitlistConversion':
      return o.waitlistJoined > 0
        ? { k: Math.min(o.waitlistBooked, o.waitlistJoined), n: o.waitlistJoined }
        : undefined;
    case 'offersPerPlace':
      return o.waitlistJoined > 0 && o.capacity > 0
        ? { k: Math.min(offered, o.capacity), n: o.capacity }
        : undefined;
    case 'offerAcceptance':
      return offered > 0 ? { k: Math.min(o.waitlistBooked, offered), n: offered } : undefined;
  }
};

const logit = (p: number): number => Math.log(p / (1 - p));

/** `k` of `n` on the logit scale, with the binomial variance of that logit. */
const logitObservation = (k: number, n: number): Observation => {
  const p = (k + 0.5) / (n + 1);
  return { raw: k / n, y: logit(p), sv: 1 / ((n + 1) * p * (1 - p)) };
};

/** The session's value of `stat`, or undefined when the session says nothing about it. */
export const observe = (o: SessionOutcome, stat: StatName): Observation | undefined => {
  if (isWait(stat)) {
    if (o.waitMinutes.length === 0) return undefined;
    let minutes = 0;
    let positions = 0;
    for (const w of o.waitMinutes) {
      minutes += Math.max(0, w.minutes);
      positions += Math.max(1, w.position);
    }
    // A ratio of totals: an entry that held more positions weighs more, as it measured more gaps.
    const raw = minutes / positions;
    // A wait of p positions is about a sum of p gaps, so its relative variance is about 1 / p.
    const rel = raw / (1 + raw);
    return { raw, y: Math.log1p(raw), sv: Math.max((rel * rel) / positions, 1e-4) };
  }
  const count = countOf(o, stat as Exclude<StatName, 'waitMinutesPerPosition'>);
  return count ? logitObservation(count.k, count.n) : undefined;
};

/** The realised figure of an ended session (what a forecast of it is judged against). */
export const realisedFigure = (o: SessionOutcome, figure: ForecastFigure): number | undefined =>
  observe(o, figure)?.raw;

/** From the fit's scale back to the figure's. */
export const fromScale = (stat: StatName, x: number): number =>
  isWait(stat) ? Math.max(0, Math.expm1(x)) : 1 / (1 + Math.exp(-x));

/** A realised value onto the fit's scale, with no half-count pull: 0 and 1 go to -/+ infinity. */
export const toScale = (stat: StatName, raw: number): number =>
  isWait(stat) ? Math.log1p(Math.max(0, raw)) : logit(Math.min(1, Math.max(0, raw)));

/** Sampling variance of a share of `n`, at `p`, on the logit scale (as for an observation). */
export const logitSamplingVar = (p: number, n: number): number => {
  const m = Math.max(1, n);
  const q = Math.min(1 - 0.5 / (m + 1), Math.max(0.5 / (m + 1), p));
  return 1 / ((m + 1) * q * (1 - q));
};
