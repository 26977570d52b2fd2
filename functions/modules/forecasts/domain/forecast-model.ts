import {
  fromScale,
  logitSamplingVar,
  observe,
  type StatName,
  statNames,
  toScale,
} from './forecast-observations.js';
import {
  baselineModelVersion,
  type ForecastFigure,
  forecastFigures,
  forecastModelVersion,
  type Interval,
  type SessionForecast,
  type SessionOutcome,
  type UpcomingSession,
} from './forecast-types.js';
import {
  type FitRow,
  fitShrinkage,
  type GroupFit,
  type GroupKeys,
  type GroupLookup,
  type Level,
  levels,
  mapLookup,
  predict,
  type StatFit,
  tau2Of,
} from './shrinkage-fit.js';

/**
 * The session forecast model: per organization, each figure learned from its ended sessions with
 * empirical-Bayes shrinkage over event, venue, weekday and lead-time groups (shrinkage-fit.ts),
 * and 80% intervals calibrated on the latest training sessions. docs/forecasts.md explains it.
 */

export { realisedFigure } from './forecast-observations.js';
export {
  baselineModelVersion,
  type ForecastFigure,
  forecastFigures,
  forecastModelVersion,
  type Interval,
  type SessionForecast,
  type SessionOutcome,
  type UpcomingSession,
  type WaitlistOutlook,
} from './forecast-types.js';

export type ForecastLevel = Level;

/** One quantity's effects at one level, aligned with the model's `groups[level]`. */
export interface StoredLevelStat {
  tau2: number;
  effect: number[];
  postVar: number[];
  /** 0 = the group had no session with this quantity (its effect is not used). */
  sessions: number[];
}

export interface ShrinkageStat {
  intercept: number;
  within: number;
  typicalSamplingVar: number;
  sessions: number;
  /**
   * Percentiles 10 and 90 of the standardised errors, (realised - predicted) / sd on the fit's
   * scale, of the latest training sessions predicted from the earlier ones: the interval is
   * [mean + low x sd, mean + high x sd].
   */
  calibration: { low: number; high: number; sessions: number };
  levels: Record<Level, StoredLevelStat>;
}

export interface ShrinkageModel {
  kind: 'shrinkage';
  version: string;
  trainedAt: string;
  /** The groups kept at each level, most observed first. */
  groups: Record<Level, string[]>;
  /** Each kept event's usual lead-time bucket ('' when its sessions recorded none). */
  eventLeadTime: string[];
  stats: Record<StatName, ShrinkageStat>;
}

export interface BaselineFigure {
  mean: number;
  low: number;
  high: number;
  sessions: number;
}

export interface BaselineModel {
  kind: 'baseline';
  version: string;
  trainedAt: string;
  figures: Record<ForecastFigure, BaselineFigure>;
  waitlist: { offersPerPlace: number; offerAcceptance: number };
}

/** JSON-serialisable; a shrinkage model's size is bounded by `maxGroupsPerLevel`. */
export type ForecastModel = ShrinkageModel | BaselineModel;

export interface TrainOptions {
  /**
   * Groups kept per level, most observed first: 1,500 events keep the model near 200 KB whatever
   * the organization's size; a dropped group is a thin one, whose effect was shrunk near zero.
   */
  maxGroupsPerLevel?: number;
  /**
   * Days at the end of the history predicted from the sessions before them to calibrate the
   * intervals: the horizon the forecasts look ahead, so the calibration faces the same share of
   * new events. Default 91; at most half the sessions are held back.
   */
  calibrationDays?: number;
  /** Backfitting sweeps of each fit. */
  sweeps?: number;
}

/** Below this many calibration sessions a figure's interval falls back to the normal one. */
const minCalibration = 30;
const normal80 = 1.2816;
/** Infinite errors (a realised 0 or 1 share) are stored finite: JSON has no infinity. */
const zCap = 50;

/** Upper bounds (days) of the lead-time buckets: days, a week, three weeks, two months, more. */
const leadBounds = [3, 8, 22, 61];
export const leadTimeBucket = (days: number): string => {
  const i = leadBounds.findIndex((b) => days < b);
  return String(i < 0 ? leadBounds.length : i);
};

const byStart = (a: { startsAt: string }, b: { startsAt: string }): number =>
  Date.parse(a.startsAt) - Date.parse(b.startsAt);

const sessionKeys = (s: UpcomingSession | SessionOutcome, usualLead: string | undefined): GroupKeys => ({
  event: s.eventId,
  venue: s.venueId,
  weekday: String(s.weekday),
  leadTime: s.leadDays !== undefined ? leadTimeBucket(s.leadDays) : usualLead || undefined,
});

const rowsOf = (outcomes: readonly SessionOutcome[], stat: StatName): FitRow[] =>
  outcomes.flatMap((o) => {
    const ob = observe(o, stat);
    return ob ? [{ y: ob.y, sv: ob.sv, keys: sessionKeys(o, undefined) }] : [];
  });

/** Each event's most frequent lead-time bucket among its sessions. */
const usualLeadTimes = (outcomes: readonly SessionOutcome[]): Map<string, string> => {
  const counts = new Map<string, Map<string, number>>();
  for (const o of outcomes) {
    if (o.leadDays === undefined) continue;
    const b = leadTimeBucket(o.leadDays);
    const c = counts.get(o.eventId) ?? new Map<string, number>();
    c.set(b, (c.get(b) ?? 0) + 1);
    counts.set(o.eventId, c);
  }
  const usual = new Map<string, string>();
  for (const [event, c] of counts) {
    const best = [...c].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (best) usual.set(event, best[0]);
  }
  return usual;
};

/** What a prediction needs from a model, whether fitted just now or read from storage. */
interface Predictor {
  stat(stat: StatName): {
    intercept: number;
    within: number;
    typicalSamplingVar: number;
    sessions: number;
    tau2: Record<Level, number>;
  };
  lookup(stat: StatName): GroupLookup;
  usualLead(eventId: string): string | undefined;
}

interface StatPrediction {
  mean: number;
  /** Standard deviation of a new session's value on the fit's scale, its own sampling noise included. */
  sd: number;
}

const predictAll = (p: Predictor, session: UpcomingSession): Record<StatName, StatPrediction> => {
  const keys = sessionKeys(session, p.usualLead(session.eventId));
  const raw = (stat: StatName) => {
    const s = p.stat(stat);
    return { ...predict({ ...s }, p.lookup(stat), keys), typical: s.typicalSamplingVar };
  };
  const fill = raw('fillRate');
  const fillValue = fromScale('fillRate', fill.mean);
  const noShow = raw('noShowRate');
  // The session's size sets its own noise: capacity for the fill, the expected confirmed places
  // for no-shows; waitlist sizes are not known ahead, so the typical training session's stands in.
  const own: Record<StatName, number> = {
    fillRate: logitSamplingVar(fillValue, session.capacity),
    noShowRate: logitSamplingVar(fromScale('noShowRate', noShow.mean), session.capacity * fillValue),
    waitlistConversion: 0,
    waitMinutesPerPosition: 0,
    offersPerPlace: 0,
    offerAcceptance: 0,
  };
  const out = {} as Record<StatName, StatPrediction>;
  for (const stat of statNames) {
    const r = stat === 'fillRate' ? fill : stat === 'noShowRate' ? noShow : raw(stat);
    const sv = own[stat] || r.typical;
    out[stat] = { mean: r.mean, sd: Math.sqrt(r.variance + sv) };
  }
  return out;
};

const fitPredictor = (fits: Record<StatName, StatFit>, usual: Map<string, string>): Predictor => ({
  stat: (stat) => ({ ...fits[stat], tau2: tau2Of(fits[stat]) }),
  lookup: (stat) => mapLookup(fits[stat]),
  usualLead: (eventId) => usual.get(eventId),
});

const fitAll = (outcomes: readonly SessionOutcome[], sweeps: number): Record<StatName, StatFit> => {
  const fits = {} as Record<StatName, StatFit>;
  for (const stat of statNames) fits[stat] = fitShrinkage(rowsOf(outcomes, stat), sweeps);
  return fits;
};

/** Nearest-rank percentiles, so infinite errors never meet in an interpolation. */
const errorPercentiles = (zs: number[]): { low: number; high: number; sessions: number } => {
  if (zs.length < minCalibration) return { low: -normal80, high: normal80, sessions: zs.length };
  const s = [...zs].sort((a, b) => a - b);
  const cap = (z: number) => Math.max(-zCap, Math.min(zCap, z));
  return {
    low: cap(s[Math.floor(0.1 * s.length)]!),
    high: cap(s[Math.ceil(0.9 * s.length) - 1]!),
    sessions: s.length,
  };
};

/**
 * Split conformal calibration over time: fit on the earlier sessions, predict the later ones as a
 * forecast would (no lead time of their own), and keep the percentiles of the standardised errors.
 * The later sessions stand in for the future the forecast faces, new events included.
 */
const calibrate = (
  sorted: readonly SessionOutcome[],
  days: number,
  sweeps: number,
): Record<ForecastFigure, { low: number; high: number; sessions: number }> => {
  const lastStart = sorted.length === 0 ? 0 : Date.parse(sorted[sorted.length - 1]!.startsAt);
  const from = lastStart - days * 86_400_000;
  const firstLate = sorted.findIndex((o) => Date.parse(o.startsAt) >= from);
  const cut = Math.max(Math.floor(sorted.length / 2), firstLate < 0 ? sorted.length : firstLate);
  const early = sorted.slice(0, cut);
  const late = sorted.slice(cut);
  const predictor = fitPredictor(fitAll(early, sweeps), usualLeadTimes(early));
  const errors: Record<ForecastFigure, number[]> = {
    fillRate: [],
    noShowRate: [],
    waitlistConversion: [],
    waitMinutesPerPosition: [],
  };
  for (const o of late) {
    const { leadDays: _unknownAhead, ...session } = o;
    const predicted = predictAll(predictor, session);
    for (const figure of forecastFigures) {
      const ob = observe(o, figure);
      if (!ob) continue;
      const { mean, sd } = predicted[figure];
      errors[figure].push((toScale(figure, ob.raw) - mean) / sd);
    }
  }
  return {
    fillRate: errorPercentiles(errors.fillRate),
    noShowRate: errorPercentiles(errors.noShowRate),
    waitlistConversion: errorPercentiles(errors.waitlistConversion),
    waitMinutesPerPosition: errorPercentiles(errors.waitMinutesPerPosition),
  };
};

/** Four significant digits: the stored model's size is mostly these numbers. */
const sig = (x: number): number => Number(x.toPrecision(4));

const keptGroups = (outcomes: readonly SessionOutcome[], max: number): Record<Level, string[]> => {
  const counts: Record<Level, Map<string, number>> = {
    event: new Map(),
    venue: new Map(),
    weekday: new Map(),
    leadTime: new Map(),
  };
  for (const o of outcomes) {
    const keys = sessionKeys(o, undefined);
    for (const level of levels) {
      const key = keys[level];
      if (key !== undefined) counts[level].set(key, (counts[level].get(key) ?? 0) + 1);
    }
  }
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, max)
      .map(([id]) => id);
  return {
    event: top(counts.event),
    venue: top(counts.venue),
    weekday: top(counts.weekday),
    leadTime: top(counts.leadTime),
  };
};

const storeStat = (
  fit: StatFit,
  groups: Record<Level, string[]>,
  calibration: ShrinkageStat['calibration'],
): ShrinkageStat => {
  const stored = {} as Record<Level, StoredLevelStat>;
  for (const level of levels) {
    const fitted = fit.levels[level];
    const ids = groups[level];
    const at = (id: string): GroupFit | undefined => fitted.groups.get(id);
    stored[level] = {
      tau2: sig(fitted.tau2),
      effect: ids.map((id) => sig(at(id)?.effect ?? 0)),
      postVar: ids.map((id) => sig(at(id)?.postVar ?? 0)),
      sessions: ids.map((id) => at(id)?.sessions ?? 0),
    };
  }
  return {
    intercept: fit.intercept,
    within: fit.within,
    typicalSamplingVar: fit.typicalSamplingVar,
    sessions: fit.sessions,
    calibration,
    levels: stored,
  };
};

export const trainForecastModel = (
  outcomes: readonly SessionOutcome[],
  trainedAt: Date,
  options: TrainOptions = {},
): ShrinkageModel => {
  const maxGroups = options.maxGroupsPerLevel ?? 1500;
  const sweeps = options.sweeps ?? 60;
  const sorted = [...outcomes].sort(byStart);
  const calibration = calibrate(sorted, options.calibrationDays ?? 91, sweeps);
  const fits = fitAll(sorted, sweeps);
  const groups = keptGroups(sorted, maxGroups);
  const usual = usualLeadTimes(sorted);
  const stats = {} as Record<StatName, ShrinkageStat>;
  for (const stat of statNames) {
    const cal = (forecastFigures as readonly string[]).includes(stat)
      ? calibration[stat as ForecastFigure]
      : { low: -normal80, high: normal80, sessions: 0 };
    stats[stat] = storeStat(fits[stat], groups, cal);
  }
  return {
    kind: 'shrinkage',
    version: forecastModelVersion,
    trainedAt: trainedAt.toISOString(),
    groups,
    eventLeadTime: groups.event.map((id) => usual.get(id) ?? ''),
    stats,
  };
};

/** Index of each stored group id, built once per model object. */
const indexes = new WeakMap<ShrinkageModel, Record<Level, Map<string, number>>>();
const indexOf = (model: ShrinkageModel): Record<Level, Map<string, number>> => {
  let index = indexes.get(model);
  if (!index) {
    const of = (ids: string[]) => new Map(ids.map((id, i) => [id, i]));
    index = {
      event: of(model.groups.event),
      venue: of(model.groups.venue),
      weekday: of(model.groups.weekday),
      leadTime: of(model.groups.leadTime),
    };
    indexes.set(model, index);
  }
  return index;
};

const storedPredictor = (model: ShrinkageModel): Predictor => {
  const index = indexOf(model);
  return {
    stat: (stat) => {
      const s = model.stats[stat];
      return {
        ...s,
        tau2: {
          event: s.levels.event.tau2,
          venue: s.levels.venue.tau2,
          weekday: s.levels.weekday.tau2,
          leadTime: s.levels.leadTime.tau2,
        },
      };
    },
    lookup: (stat) => (level, id) => {
      const i = index[level].get(id);
      if (i === undefined) return undefined;
      const l = model.stats[stat].levels[level];
      return { effect: l.effect[i] ?? 0, postVar: l.postVar[i] ?? 0, sessions: l.sessions[i] ?? 0 };
    },
    usualLead: (eventId) => {
      const i = index.event.get(eventId);
      return i === undefined ? undefined : model.eventLeadTime[i] || undefined;
    },
  };
};

const intervalOf = (
  figure: ForecastFigure,
  p: StatPrediction,
  calibration: { low: number; high: number },
): Interval => {
  const value = fromScale(figure, p.mean);
  return {
    value,
    low: Math.min(value, fromScale(figure, p.mean + calibration.low * p.sd)),
    high: Math.max(value, fromScale(figure, p.mean + calibration.high * p.sd)),
  };
};

/** The finest level whose group had sessions of this figure: event, then venue, else the organization. */
const basisOf = (
  model: ShrinkageModel,
  figure: ForecastFigure,
  session: UpcomingSession,
): { level: string; sessions: number } => {
  const index = indexOf(model);
  for (const [level, id] of [
    ['event', session.eventId],
    ['venue', session.venueId],
  ] as const) {
    const i = index[level].get(id);
    const sessions = i === undefined ? 0 : (model.stats[figure].levels[level].sessions[i] ?? 0);
    if (sessions > 0) return { level, sessions };
  }
  return { level: 'organization', sessions: model.stats[figure].sessions };
};

const forecastWithBaseline = (model: BaselineModel, session: UpcomingSession, now: Date): SessionForecast => {
  const figures = {} as Record<ForecastFigure, Interval>;
  const basis = {} as SessionForecast['basis'];
  for (const figure of forecastFigures) {
    const f = model.figures[figure];
    figures[figure] = { value: f.mean, low: f.low, high: f.high };
    basis[figure] = { level: 'organization', sessions: f.sessions };
  }
  return {
    modelVersion: model.version,
    generatedAt: now.toISOString(),
    figures,
    basis,
    waitlist: {
      expectedOffers: model.waitlist.offersPerPlace * session.capacity,
      offerAcceptance: model.waitlist.offerAcceptance,
    },
  };
};

export const forecastSession = (
  model: ForecastModel,
  session: UpcomingSession,
  now: Date,
): SessionForecast => {
  if (model.kind === 'baseline') return forecastWithBaseline(model, session, now);
  const predicted = predictAll(storedPredictor(model), session);
  const figures = {} as Record<ForecastFigure, Interval>;
  const basis = {} as SessionForecast['basis'];
  for (const figure of forecastFigures) {
    figures[figure] = intervalOf(figure, predicted[figure], model.stats[figure].calibration);
    basis[figure] = basisOf(model, figure, session);
  }
  return {
    modelVersion: model.version,
    generatedAt: now.toISOString(),
    figures,
    basis,
    waitlist: {
      expectedOffers: fromScale('offersPerPlace', predicted.offersPerPlace.mean) * session.capacity,
      offerAcceptance: fromScale('offerAcceptance', predicted.offerAcceptance.mean),
    },
  };
};

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;

/** Linear-interpolated percentile of sorted values. */
const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0;
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
};

const rawValues = (outcomes: readonly SessionOutcome[], stat: StatName): number[] =>
  outcomes.flatMap((o) => {
    const ob = observe(o, stat);
    return ob ? [ob.raw] : [];
  });

/**
 * The naive baseline: each figure's historical mean over all training sessions, with an interval
 * from the empirical 10th/90th percentiles. Same shape so the eval compares like with like.
 */
export const trainBaseline = (outcomes: readonly SessionOutcome[], trainedAt: Date): BaselineModel => {
  const figures = {} as Record<ForecastFigure, BaselineFigure>;
  for (const figure of forecastFigures) {
    const values = rawValues(outcomes, figure).sort((a, b) => a - b);
    const m = mean(values);
    figures[figure] = {
      mean: m,
      low: Math.min(m, percentile(values, 0.1)),
      high: Math.max(m, percentile(values, 0.9)),
      sessions: values.length,
    };
  }
  return {
    kind: 'baseline',
    version: baselineModelVersion,
    trainedAt: trainedAt.toISOString(),
    figures,
    waitlist: {
      offersPerPlace: mean(rawValues(outcomes, 'offersPerPlace')),
      offerAcceptance: mean(rawValues(outcomes, 'offerAcceptance')),
    },
  };
};
