/**
 * Write units per key over a sliding one-second window: a write is admitted while the units of
 * the last second plus its own stay within the limit, and only admitted writes consume (a
 * throttled request consumes nothing, as in DynamoDB).
 */

const WINDOW_MS = 1000;

interface Window {
  /** Admissions of the last second, oldest first. */
  log: Array<{ at: number; units: number }>;
  total: number;
}

export class ThroughputWindows {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly unitsPerSecond: number) {}

  /** The units `key` consumed in the second before `now`. */
  used(key: string, now: number): number {
    const w = this.windows.get(key);
    if (!w) return 0;
    while (w.log.length > 0 && w.log[0]!.at <= now - WINDOW_MS) w.total -= w.log.shift()!.units;
    if (w.log.length === 0) this.windows.delete(key);
    return w.total;
  }

  fits(key: string, units: number, now: number): boolean {
    return this.used(key, now) + units <= this.unitsPerSecond;
  }

  /** Records an admitted write; answers the key's units over the last second, its own included. */
  consume(key: string, units: number, now: number): number {
    const used = this.used(key, now);
    const w = this.windows.get(key) ?? { log: [], total: 0 };
    w.log.push({ at: now, units });
    w.total = used + units;
    this.windows.set(key, w);
    return w.total;
  }
}
