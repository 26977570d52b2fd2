import { assertWhole } from './price-rounding.js';

/**
 * An automatic price step of a category: from the `afterSold`-th ticket sold on (`sold >= afterSold`),
 * or from an instant on (`at >= from`), the category sells at `unitAmount`.
 */
export type PriceStep =
  | { kind: 'after_sold'; afterSold: number; unitAmount: number }
  | { kind: 'from_date'; from: string; unitAmount: number };

export interface UnitPrice {
  unitAmount: number;
  /** The step that set the price; null when none is reached (the base price). */
  step: PriceStep | null;
  /**
   * How many more tickets may sell at this price before the next `after_sold` step is reached
   * (null when no such step is ahead): a booking of more seats would cross it at the old price.
   */
  untilNextStep: number | null;
}

const instant = (iso: string, what: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`${what} is not an ISO date-time: ${iso}`);
  return ms;
};

const reached = (step: PriceStep, sold: number, at: number, index: number): boolean =>
  step.kind === 'after_sold' ? sold >= step.afterSold : at >= instant(step.from, `steps[${index}].from`);

/**
 * The unit price of a category from its base price and its steps, given how many it has sold and
 * when. Price steps only go up (an early-bird price gives way to the standard one), so when several
 * steps are reached, of either kind, the highest price among them applies (the first listed on a
 * tie), whatever order they are listed in. No step reached: the base price.
 */
export const unitPriceOf = (
  base: number,
  steps: PriceStep[],
  state: { sold: number; at: string },
): UnitPrice => {
  assertWhole(base, 0, 'base');
  assertWhole(state.sold, 0, 'sold');
  const at = instant(state.at, 'at');
  let step: PriceStep | null = null;
  let untilNextStep: number | null = null;
  for (const [i, s] of steps.entries()) {
    assertWhole(s.unitAmount, 0, `steps[${i}].unitAmount`);
    if (s.kind === 'after_sold') assertWhole(s.afterSold, 0, `steps[${i}].afterSold`);
    if (reached(s, state.sold, at, i)) {
      if (step === null || s.unitAmount > step.unitAmount) step = s;
    } else if (s.kind === 'after_sold') {
      const left = s.afterSold - state.sold;
      untilNextStep = untilNextStep === null ? left : Math.min(untilNextStep, left);
    }
  }
  return { unitAmount: step?.unitAmount ?? base, step, untilNextStep };
};
