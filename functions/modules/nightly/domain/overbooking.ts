/**
 * The places controlled overbooking adds to a session of `ownCapacity` places: the event's
 * `overbookingPercent` of them at most (0: off), and never more than the no-shows the forecast
 * expects at the low end of its 80% interval, so four nights in five at least as many no-shows
 * come as places were added. No forecast, no overbooking.
 */
export const overbookingPlaces = (
  ownCapacity: number,
  overbookingPercent: number,
  noShowRateLow: number | undefined,
): number => {
  if (overbookingPercent <= 0 || noShowRateLow === undefined) return 0;
  const share = Math.min(overbookingPercent / 100, Math.max(0, noShowRateLow));
  return Math.floor(ownCapacity * share);
};
