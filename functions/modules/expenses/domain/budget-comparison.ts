/** How an amount spent compares with the amount planned for it (minor units of one currency). */
export interface PlanComparison {
  plannedMinor: number;
  actualMinor: number;
  /** Planned minus actual: negative once over. */
  remainingMinor: number;
  overBudget: boolean;
  /** By how much the actual exceeds the plan (0 when within it). */
  overByMinor: number;
}

/** Pure: over budget means strictly more than planned; spending exactly the plan is within it. */
export const planComparison = (plannedMinor: number, actualMinor: number): PlanComparison => ({
  plannedMinor,
  actualMinor,
  remainingMinor: plannedMinor - actualMinor,
  overBudget: actualMinor > plannedMinor,
  overByMinor: Math.max(0, actualMinor - plannedMinor),
});
