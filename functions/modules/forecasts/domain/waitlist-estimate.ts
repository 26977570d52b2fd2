import type { SessionForecast } from './forecast-types.js';

/**
 * Chance that a Poisson(mean) count reaches `rank`, P(N >= rank). The terms are summed from the
 * far tail down to `rank`, so the result never grows with the rank, even in floating point.
 */
const poissonTail = (mean: number, rank: number): number => {
  if (mean <= 0) return 0;
  const last = Math.ceil(mean + 12 * Math.sqrt(mean) + 30);
  if (rank > last) return 0;
  // log of term k = -mean + k ln(mean) - ln(k!), built upward, then summed downward.
  const logs: number[] = [];
  let log = -mean;
  for (let k = 0; k <= last; k++) {
    if (k > 0) log += Math.log(mean) - Math.log(k);
    if (k >= rank) logs.push(log);
  }
  let tail = 0;
  for (let i = logs.length - 1; i >= 0; i--) tail += Math.exp(logs[i]!);
  return Math.min(1, tail);
};

/**
 * Estimated wait (minutes) and chance (0..1) of getting a place for the entry at `rank` (1 =
 * next), from the session's forecast. Approximation: each position ahead takes the forecast's
 * minutes per position, so the wait is rank x that figure; the offers the session will still make
 * are Poisson with the forecast's expected offers, an entry is offered one when they reach its
 * rank, and it becomes a place with the forecast's offer acceptance. It ignores entries ahead that
 * leave the line and the offers already made, so it is meant for an entry that has just joined.
 */
export const waitlistEstimate = (
  forecast: SessionForecast,
  rank: number,
): { estimatedWaitMinutes: number; chanceOfPlace: number } => {
  if (!Number.isInteger(rank) || rank < 1) throw new RangeError(`rank must be an integer >= 1, got ${rank}`);
  const perPosition = forecast.figures.waitMinutesPerPosition.value;
  const { expectedOffers, offerAcceptance } = forecast.waitlist;
  return {
    estimatedWaitMinutes: rank * Math.max(0, perPosition),
    chanceOfPlace: poissonTail(expectedOffers, rank) * Math.min(1, Math.max(0, offerAcceptance)),
  };
};
