/**
 * Empirical-Bayes fit of one quantity: an organization mean plus one effect per group of each
 * level, each shrunk by its credibility. Events nest in venues: a venue's effect is the
 * credibility-weighted mean of its events, and an event's effect its shrunk deviation from its
 * venue, so a thin event is pulled toward its venue and a thin venue toward the organization.
 * Weekday and lead-time bucket cross the events instead, so those effects and the nested block
 * are fitted together (backfitting).
 */

export type Level = 'event' | 'venue' | 'weekday' | 'leadTime';
export const levels: readonly Level[] = ['event', 'venue', 'weekday', 'leadTime'];
const crossed = ['weekday', 'leadTime'] as const;

export type GroupKeys = { event: string; venue: string; weekday?: string; leadTime?: string };

export interface FitRow {
  y: number;
  /** Sampling variance of y. */
  sv: number;
  keys: GroupKeys;
}

export interface GroupFit {
  /** Shrunk deviation on the fit's scale. */
  effect: number;
  /** Posterior variance of the effect. */
  postVar: number;
  /** Training sessions of the group. */
  sessions: number;
}

export interface LevelFit {
  /** Between-group variance of the level (the prior of an unseen group). */
  tau2: number;
  groups: Map<string, GroupFit>;
}

export interface StatFit {
  intercept: number;
  /** Session-to-session variance beyond the groups and the sampling noise. */
  within: number;
  /** Median sampling variance of the training rows: a session's own noise when its size is unknown. */
  typicalSamplingVar: number;
  sessions: number;
  levels: Record<Level, LevelFit>;
}

/** Variances never reach zero: a zero prior would freeze an effect and stall the EM updates. */
const floor = 1e-4;

const emptyLevels = (tau2: number): Record<Level, LevelFit> => ({
  event: { tau2, groups: new Map() },
  venue: { tau2, groups: new Map() },
  weekday: { tau2, groups: new Map() },
  leadTime: { tau2, groups: new Map() },
});

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 1 : (s[Math.floor((s.length - 1) / 2)] ?? 1);
};

interface Index {
  ids: string[];
  /** Group of each row, -1 for none. */
  of: Int32Array;
}

const indexRows = (rows: readonly FitRow[], key: (r: FitRow) => string | undefined): Index => {
  const ids: string[] = [];
  const byId = new Map<string, number>();
  const of = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    const k = key(r);
    if (k === undefined) {
      of[i] = -1;
      return;
    }
    let g = byId.get(k);
    if (g === undefined) {
      g = ids.length;
      byId.set(k, g);
      ids.push(k);
    }
    of[i] = g;
  });
  return { ids, of };
};

/** Each event's venue: the one most of its sessions were at. */
const venueOfEvents = (events: Index, venues: Index): Int32Array => {
  const counts = events.ids.map(() => new Map<number, number>());
  for (let i = 0; i < events.of.length; i++) {
    const c = counts[events.of[i]!]!;
    c.set(venues.of[i]!, (c.get(venues.of[i]!) ?? 0) + 1);
  }
  return Int32Array.from(counts, (c) => [...c].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0);
};

const countSessions = (index: Index): Int32Array => {
  const n = new Int32Array(index.ids.length);
  for (const g of index.of) if (g >= 0) n[g] = n[g]! + 1;
  return n;
};

/**
 * Sweeps, a fixed number of times, with each row weighing 1 / (within + its sampling variance) so
 * a session of 500 places says more than one of 20:
 * - the weighted mean;
 * - each crossed level (weekday, lead time): effect = sum(w r) / (sum(w) + 1 / tau2), that is
 *   Z x the group's mean residual with credibility Z = W / (W + 1 / tau2);
 * - the nested block: each event's mean residual m_e with precision W_e; a venue's effect is
 *   sum(u_e m_e) / (sum(u_e) + 1 / tau2_venue) over its events, u_e = 1 / (tau2_event + 1 / W_e)
 *   (an event counts once, however many sessions it has); an event's effect is
 *   W_e (m_e - venue) / (W_e + 1 / tau2_event);
 * - each level's tau2 by its EM update, mean(effect^2 + posterior variance);
 * - the within variance by moments, the effective number of fitted effects taken off.
 */
export const fitShrinkage = (rows: readonly FitRow[], sweeps = 60): StatFit => {
  const n = rows.length;
  if (n === 0) return { intercept: 0, within: 1, typicalSamplingVar: 1, sessions: 0, levels: emptyLevels(0) };
  let mean = 0;
  for (const r of rows) mean += r.y;
  mean /= n;
  let total = 0;
  for (const r of rows) total += (r.y - mean) ** 2;
  const variance = Math.max(total / n, floor);

  const events = indexRows(rows, (r) => r.keys.event);
  const venues = indexRows(rows, (r) => r.keys.venue);
  const eventVenue = venueOfEvents(events, venues);
  const cross = crossed.map((level) => indexRows(rows, (r) => r.keys[level]));
  const crossEffects = cross.map((x) => new Float64Array(x.ids.length));
  const crossWeights = cross.map((x) => new Float64Array(x.ids.length));
  const crossTau2 = crossed.map(() => variance / 4);
  const eventEffect = new Float64Array(events.ids.length);
  const eventWeight = new Float64Array(events.ids.length);
  const venueEffect = new Float64Array(venues.ids.length);
  const venueWeight = new Float64Array(venues.ids.length);
  let eventTau2 = variance / 4;
  let venueTau2 = variance / 4;
  let within = variance / 2;
  let intercept = mean;
  const w = new Float64Array(n);
  /** Sum of the crossed effects of each row. */
  const crossSum = new Float64Array(n);
  const nested = (i: number): number => {
    const e = events.of[i]!;
    return venueEffect[eventVenue[e]!]! + eventEffect[e]!;
  };

  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let i = 0; i < n; i++) w[i] = 1 / (within + rows[i]!.sv);
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      num += w[i]! * (rows[i]!.y - crossSum[i]! - nested(i));
      den += w[i]!;
    }
    intercept = num / den;
    let fitted = 1;

    cross.forEach(({ ids, of }, l) => {
      if (ids.length === 0) return;
      const eff = crossEffects[l]!;
      const W = crossWeights[l]!;
      const R = new Float64Array(ids.length);
      W.fill(0);
      for (let i = 0; i < n; i++) {
        const g = of[i]!;
        if (g < 0) continue;
        R[g] = R[g]! + w[i]! * (rows[i]!.y - intercept - nested(i) - (crossSum[i]! - eff[g]!));
        W[g] = W[g]! + w[i]!;
      }
      const prior = 1 / crossTau2[l]!;
      const next = R.map((r, g) => r / (W[g]! + prior));
      let em = 0;
      for (let g = 0; g < ids.length; g++) {
        em += next[g]! ** 2 + 1 / (W[g]! + prior);
        fitted += W[g]! / (W[g]! + prior);
      }
      for (let i = 0; i < n; i++) {
        const g = of[i]!;
        if (g >= 0) crossSum[i] = crossSum[i]! + next[g]! - eff[g]!;
      }
      eff.set(next);
      crossTau2[l] = Math.max(floor, em / ids.length);
    });

    // The nested block, on what the intercept and the crossed effects leave.
    const S = new Float64Array(events.ids.length);
    eventWeight.fill(0);
    for (let i = 0; i < n; i++) {
      const e = events.of[i]!;
      S[e] = S[e]! + w[i]! * (rows[i]!.y - intercept - crossSum[i]!);
      eventWeight[e] = eventWeight[e]! + w[i]!;
    }
    const T = new Float64Array(venues.ids.length);
    venueWeight.fill(0);
    for (let e = 0; e < events.ids.length; e++) {
      const u = 1 / (eventTau2 + 1 / eventWeight[e]!);
      const v = eventVenue[e]!;
      T[v] = T[v]! + u * (S[e]! / eventWeight[e]!);
      venueWeight[v] = venueWeight[v]! + u;
    }
    let venueEm = 0;
    let venuesSeen = 0;
    for (let v = 0; v < venues.ids.length; v++) {
      const post = 1 / (venueWeight[v]! + 1 / venueTau2);
      venueEffect[v] = T[v]! * post;
      if (venueWeight[v]! > 0) {
        venueEm += venueEffect[v]! ** 2 + post;
        venuesSeen += 1;
        fitted += venueWeight[v]! * post;
      }
    }
    let eventEm = 0;
    for (let e = 0; e < events.ids.length; e++) {
      const W = eventWeight[e]!;
      const post = 1 / (W + 1 / eventTau2);
      eventEffect[e] = W * (S[e]! / W - venueEffect[eventVenue[e]!]!) * post;
      eventEm += eventEffect[e]! ** 2 + post;
      fitted += W * post;
    }
    eventTau2 = Math.max(floor, eventEm / events.ids.length);
    venueTau2 = Math.max(floor, venueEm / Math.max(1, venuesSeen));
    // With about one event per venue the data cannot tell venue from event variance, and the EM
    // may drift to either. Venues are taken to differ no more than the events within them: a
    // new event then leans on its venue only as far as the venue's other events agree.
    if (venueTau2 > eventTau2) {
      eventTau2 = (eventTau2 + venueTau2) / 2;
      venueTau2 = eventTau2;
    }

    let squares = 0;
    let sampling = 0;
    for (let i = 0; i < n; i++) {
      squares += (rows[i]!.y - intercept - crossSum[i]! - nested(i)) ** 2;
      sampling += rows[i]!.sv;
    }
    within = Math.max(floor, squares / Math.max(1, n - fitted) - sampling / n);
  }

  const groupsOf = (index: Index, effect: Float64Array, postVar: (g: number) => number) => {
    const sessions = countSessions(index);
    return new Map<string, GroupFit>(
      index.ids.map((id, g) => [id, { effect: effect[g]!, postVar: postVar(g), sessions: sessions[g]! }]),
    );
  };
  const fitLevels = emptyLevels(0);
  fitLevels.event = {
    tau2: eventTau2,
    groups: groupsOf(events, eventEffect, (g) => 1 / (eventWeight[g]! + 1 / eventTau2)),
  };
  fitLevels.venue = {
    tau2: venueTau2,
    groups: groupsOf(venues, venueEffect, (g) => 1 / (venueWeight[g]! + 1 / venueTau2)),
  };
  crossed.forEach((level, l) => {
    const index = cross[l]!;
    const prior = 1 / crossTau2[l]!;
    fitLevels[level] = {
      // A level no row belongs to (no lead times recorded) adds no uncertainty either.
      tau2: index.ids.length === 0 ? 0 : crossTau2[l]!,
      groups: groupsOf(index, crossEffects[l]!, (g) => 1 / (crossWeights[l]![g]! + prior)),
    };
  });
  return {
    intercept,
    within,
    typicalSamplingVar: median(rows.map((r) => r.sv)),
    sessions: n,
    levels: fitLevels,
  };
};

/** Where a prediction's effects come from: the fitted maps, or a stored model's arrays. */
export type GroupLookup = (level: Level, id: string) => GroupFit | undefined;

export interface Prediction {
  /** Central value on the fit's scale. */
  mean: number;
  /** Variance of a new session's value from the groups' uncertainty and the within variance. */
  variance: number;
}

/**
 * Intercept plus the effect of each level the session belongs to; an unknown group (a new event,
 * a lead time not known) adds nothing to the mean and its level's whole tau2 to the variance.
 */
export const predict = (
  fit: { intercept: number; within: number; tau2: Record<Level, number> },
  lookup: GroupLookup,
  keys: Partial<GroupKeys>,
): Prediction => {
  let mean = fit.intercept;
  let variance = fit.within;
  for (const level of levels) {
    const key = keys[level];
    const group = key === undefined ? undefined : lookup(level, key);
    if (group && group.sessions > 0) {
      mean += group.effect;
      variance += group.postVar;
    } else {
      variance += fit.tau2[level];
    }
  }
  return { mean, variance };
};

export const mapLookup =
  (fit: StatFit): GroupLookup =>
  (level, id) =>
    fit.levels[level].groups.get(id);

export const tau2Of = (fit: StatFit): Record<Level, number> => ({
  event: fit.levels.event.tau2,
  venue: fit.levels.venue.tau2,
  weekday: fit.levels.weekday.tau2,
  leadTime: fit.levels.leadTime.tau2,
});
