import { describe, expect, it } from 'vitest';
import {
  forecastFigures,
  forecastSession,
  realisedFigure,
  type SessionOutcome,
  trainBaseline,
  trainForecastModel,
  type UpcomingSession,
} from '../../functions/modules/forecasts/domain/forecast-model.js';
import { waitlistEstimate } from '../../functions/modules/forecasts/domain/waitlist-estimate.js';
import { defaultSeed, missedTargets, runForecastEval } from '../../scripts/forecast/eval.js';
import { Random } from '../../scripts/forecast/random.js';
import { generateHistory } from '../../scripts/forecast/synthetic-history.js';

const trainedAt = new Date('2025-01-01T00:00:00Z');
const day = 86_400_000;

/**
 * A session of `eventId` at `venueId` whose fill is about `fill`: a shock of its own on the logit
 * scale (sessions of one event differ), then binomial noise.
 */
const outcomeOf = (
  random: Random,
  i: number,
  eventId: string,
  venueId: string,
  fill: number,
): SessionOutcome => {
  const startsAt = new Date(Date.parse('2024-01-01T18:00:00Z') + random.int(0, 299) * day);
  const rate = 1 / (1 + Math.exp(-(Math.log(fill / (1 - fill)) + random.normal(0, 0.5))));
  return {
    sessionId: `ses_${eventId}_${i}`,
    eventId,
    venueId,
    startsAt: startsAt.toISOString(),
    weekday: startsAt.getUTCDay(),
    capacity: 100,
    confirmedPlaces: random.binomial(100, rate),
    waitlistJoined: 0,
    waitlistBooked: 0,
    waitMinutes: [],
  };
};

const upcoming = (eventId: string, venueId: string): UpcomingSession => ({
  sessionId: `ses_next_${eventId}`,
  eventId,
  venueId,
  startsAt: '2025-01-10T18:00:00.000Z',
  weekday: 5,
  capacity: 100,
});

describe('forecast model: shrinkage', () => {
  // Venue v1: ten events that fill about 80%; one event seen once at 20%; one seen 40 times at 30%.
  const random = new Random(7);
  const outcomes: SessionOutcome[] = [];
  let i = 0;
  for (let e = 0; e < 10; e++)
    for (let s = 0; s < 8; s++) outcomes.push(outcomeOf(random, i++, `evt_full${e}`, 'ven_v1', 0.8));
  outcomes.push(outcomeOf(random, i++, 'evt_once', 'ven_v1', 0.2));
  for (let s = 0; s < 40; s++) outcomes.push(outcomeOf(random, i++, 'evt_forty', 'ven_v1', 0.3));
  // Another venue, so the organization's mean is not the venue's.
  for (let e = 0; e < 10; e++)
    for (let s = 0; s < 8; s++) outcomes.push(outcomeOf(random, i++, `evt_other${e}`, 'ven_v2', 0.4));
  const model = trainForecastModel(outcomes, trainedAt);
  const fillOf = (eventId: string, venueId = 'ven_v1') =>
    forecastSession(model, upcoming(eventId, venueId), trainedAt).figures.fillRate.value;
  const ownMean = (eventId: string) => {
    const own = outcomes.filter((o) => o.eventId === eventId);
    return own.reduce((a, o) => a + o.confirmedPlaces / o.capacity, 0) / own.length;
  };

  /** How far the forecast moved from the event's own mean toward its venue's (0 = not at all, 1 = all the way). */
  const pulled = (eventId: string) =>
    (fillOf(eventId) - ownMean(eventId)) / (fillOf('evt_new_at_v1') - ownMean(eventId));

  it('pulls an event seen once toward its venue', () => {
    expect(ownMean('evt_once')).toBeLessThan(0.3);
    expect(fillOf('evt_new_at_v1')).toBeGreaterThan(0.65);
    expect(pulled('evt_once')).toBeGreaterThan(0.2);
    expect(pulled('evt_once')).toBeLessThan(1);
  });

  it('keeps an event seen 40 times near its own mean', () => {
    expect(Math.abs(fillOf('evt_forty') - ownMean('evt_forty'))).toBeLessThan(0.04);
    expect(pulled('evt_forty')).toBeLessThan(pulled('evt_once') / 3);
  });

  it('forecasts a new event from its venue, and an unknown venue from the organization', () => {
    expect(fillOf('evt_new_at_v1')).toBeGreaterThan(fillOf('evt_new_at_v2', 'ven_v2'));
    const forecast = forecastSession(model, upcoming('evt_x', 'ven_unknown'), trainedAt);
    expect(forecast.basis.fillRate).toEqual({ level: 'organization', sessions: outcomes.length });
    expect(forecastSession(model, upcoming('evt_forty', 'ven_v1'), trainedAt).basis.fillRate).toEqual({
      level: 'event',
      sessions: 40,
    });
    expect(forecastSession(model, upcoming('evt_new', 'ven_v1'), trainedAt).basis.fillRate.level).toBe(
      'venue',
    );
  });
});

describe('forecast model: intervals, size, baseline', () => {
  const { outcomes } = generateHistory({ seed: 11, events: 120 });
  const split = Date.parse(outcomes[Math.floor(outcomes.length * 0.8)]!.startsAt);
  const train = outcomes.filter((o) => Date.parse(o.startsAt) < split);
  const later = outcomes.filter((o) => Date.parse(o.startsAt) >= split);
  const model = trainForecastModel(train, new Date(split));

  it('gives every figure an interval that holds its value and stays within bounds', () => {
    for (const o of later) {
      const f = forecastSession(model, o, new Date(split));
      expect(f.modelVersion).toBe('shrinkage-v1');
      for (const figure of forecastFigures) {
        const { value, low, high } = f.figures[figure];
        expect([value, low, high].every(Number.isFinite)).toBe(true);
        expect(low).toBeLessThanOrEqual(value);
        expect(value).toBeLessThanOrEqual(high);
        expect(low).toBeGreaterThanOrEqual(0);
        if (figure !== 'waitMinutesPerPosition') expect(high).toBeLessThanOrEqual(1);
        expect(high).toBeGreaterThan(low);
      }
    }
  });

  it('survives a JSON round trip unchanged', () => {
    const copy = JSON.parse(JSON.stringify(model));
    const session = later[0]!;
    expect(forecastSession(copy, session, trainedAt)).toEqual(forecastSession(model, session, trainedAt));
  });

  it('stays under 300 KB for 10,000 events, keeping the most observed first', () => {
    const random = new Random(3);
    const many: SessionOutcome[] = [];
    for (let e = 0; e < 10_000; e++) {
      // Ids as long as the product's (prefix and 20 characters).
      const eventId = `evt_${String(e).padStart(20, '0')}`;
      const sessions = e < 100 ? 5 : 2;
      for (let s = 0; s < sessions; s++)
        many.push(outcomeOf(random, e * 5 + s, eventId, `ven_${String(e % 40).padStart(20, '0')}`, 0.6));
    }
    const big = trainForecastModel(many, trainedAt);
    expect(JSON.stringify(big).length).toBeLessThan(300_000);
    expect(big.groups.event.length).toBe(1500);
    expect(big.groups.event.slice(0, 100).every((id) => Number(id.slice(4)) < 100)).toBe(true);
    expect(trainForecastModel(many, trainedAt, { maxGroupsPerLevel: 10 }).groups.event).toHaveLength(10);
  }, 30_000);

  it('baseline: each figure is the mean of the training sessions, its interval their 10th..90th percentiles', () => {
    const baseline = trainBaseline(train, new Date(split));
    const f = forecastSession(baseline, later[0]!, new Date(split));
    for (const figure of forecastFigures) {
      const values = train.flatMap((o) => {
        const v = realisedFigure(o, figure);
        return v === undefined ? [] : [v];
      });
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      expect(f.figures[figure].value).toBeCloseTo(mean, 10);
      expect(f.basis[figure]).toEqual({ level: 'organization', sessions: values.length });
      const below = values.filter((v) => v < f.figures[figure].low).length / values.length;
      const above = values.filter((v) => v > f.figures[figure].high).length / values.length;
      // Interpolated percentiles: ties and rounding leave a little over 10% outside at most.
      expect(below).toBeLessThanOrEqual(0.11);
      expect(above).toBeLessThanOrEqual(0.11);
    }
  });
});

describe('waitlistEstimate', () => {
  const { outcomes } = generateHistory({ seed: 5, events: 80 });
  const model = trainForecastModel(outcomes, trainedAt);
  const withLine = outcomes.find((o) => o.waitlistJoined > 5)!;
  const forecast = forecastSession(model, withLine, trainedAt);

  it('waits longer and gets a place less often further down the line', () => {
    let previous = waitlistEstimate(forecast, 1);
    expect(previous.chanceOfPlace).toBeGreaterThan(0);
    for (let rank = 2; rank <= 200; rank++) {
      const next = waitlistEstimate(forecast, rank);
      expect(next.estimatedWaitMinutes).toBeGreaterThan(previous.estimatedWaitMinutes);
      expect(next.chanceOfPlace).toBeLessThanOrEqual(previous.chanceOfPlace);
      expect(next.chanceOfPlace).toBeGreaterThanOrEqual(0);
      previous = next;
    }
    expect(waitlistEstimate(forecast, 1).chanceOfPlace).toBeLessThanOrEqual(1);
    expect(previous.chanceOfPlace).toBeLessThan(waitlistEstimate(forecast, 1).chanceOfPlace);
  });

  it('is the forecast per position times the rank, and offers x acceptance for the chance', () => {
    const f = {
      ...forecast,
      figures: { ...forecast.figures, waitMinutesPerPosition: { value: 30, low: 10, high: 60 } },
      waitlist: { expectedOffers: 2, offerAcceptance: 0.5 },
    };
    expect(waitlistEstimate(f, 3).estimatedWaitMinutes).toBe(90);
    // P(Poisson(2) >= 1) = 1 - e^-2.
    expect(waitlistEstimate(f, 1).chanceOfPlace).toBeCloseTo((1 - Math.exp(-2)) * 0.5, 10);
    expect(
      waitlistEstimate({ ...f, waitlist: { expectedOffers: 0, offerAcceptance: 0.5 } }, 1).chanceOfPlace,
    ).toBe(0);
  });

  it('refuses a rank below 1', () => {
    expect(() => waitlistEstimate(forecast, 0)).toThrow(RangeError);
    expect(() => waitlistEstimate(forecast, 1.5)).toThrow(RangeError);
  });
});

describe('forecast eval', () => {
  it('meets its targets for the default seed (MAE ratio <= 0.7, 80% coverage in [0.7, 0.9])', () => {
    const report = runForecastEval();
    expect(report.seed).toBe(defaultSeed);
    expect(missedTargets(report)).toEqual([]);
    for (const figure of forecastFigures) expect(report.figures[figure].heldOut).toBeGreaterThan(50);
  }, 30_000);

  it('reports a miss when a ratio or a coverage is off target', () => {
    const report = runForecastEval();
    const broken = {
      ...report,
      figures: {
        ...report.figures,
        fillRate: { ...report.figures.fillRate, ratio: 0.71 },
        noShowRate: { ...report.figures.noShowRate, coverage: 0.95 },
      },
    };
    expect(missedTargets(broken)).toHaveLength(2);
  });
});
