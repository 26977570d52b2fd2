/**
 * Integer arithmetic on minor units. A float product such as 333 x 7.5 % = 24.974999... rounds
 * the wrong way, so percentages become whole basis points and every share is computed on integers.
 */

/** A percentage with at most two decimals (7.5, 18, 12.25) as whole basis points (750, 1800, 1225). */
export const basisPointsOf = (percent: number, what: string): number => {
  const basisPoints = Math.round(percent * 100);
  // The tolerance absorbs the float error of a two-decimal value times 100 (e.g. 0.29 x 100).
  if (!Number.isFinite(percent) || Math.abs(percent * 100 - basisPoints) > 1e-6) {
    throw new Error(`${what}: ${percent} is not a percentage with at most two decimals`);
  }
  return basisPoints;
};

/** `amount x basisPoints / 10,000` rounded half up: (2ab + 10,000) / 20,000, floored. */
export const share = (amount: number, basisPoints: number): number => {
  const doubled = 2 * amount * basisPoints + 10_000;
  // Past 2^53 the product is no longer exact; no real order comes near, so this guards bugs.
  if (!Number.isSafeInteger(doubled))
    throw new Error(`${amount} x ${basisPoints} bp overflows exact integers`);
  return Math.floor(doubled / 20_000);
};

/** Throws unless `value` is a whole number of at least `min` (a programming error, not user input). */
export const assertWhole = (value: number, min: number, what: string): void => {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${what} must be a whole number >= ${min}, got ${value}`);
  }
};
