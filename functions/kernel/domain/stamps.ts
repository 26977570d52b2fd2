/**
 * The `updatedAt` of a change to an item whose `updatedAt` writes elsewhere check as its version
 * (events, sessions: a booking was planned on the one it read): the clock's time, but always after
 * the previous stamp, so that two changes within one millisecond still tell apart.
 */
export const nextStamp = (previous: string, now: Date): string =>
  new Date(Math.max(now.getTime(), Date.parse(previous) + 1)).toISOString();
