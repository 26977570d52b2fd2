import { describe, expect, it } from 'vitest';
import {
  boundingBox,
  coveringCells,
  indexPrecision,
} from '../../functions/modules/discovery/domain/geo-cover.js';
import { destination, haversineKm } from '../../functions/modules/discovery/domain/geo-distance.js';
import {
  decodeGeohash,
  encodeGeohash,
  geohashNeighbours,
} from '../../functions/modules/discovery/domain/geohash.js';
import { byScore, scoreOf } from '../../functions/modules/discovery/domain/ranking.js';

/** The discovery module's pure geo math: geohash, neighbours, distances, covers and the score. */

/** A small deterministic generator (mulberry32), so a failure repeats. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe('geohash', () => {
  it('encodes known points', () => {
    expect(encodeGeohash(57.64911, 10.40744, 11)).toBe('u4pruydqqvj');
    expect(encodeGeohash(42.6, -5.6, 5)).toBe('ezs42');
    expect(encodeGeohash(-25.382708, -49.265506, 8)).toBe('6gkzwgjz');
  });

  it('decodes to the cell that holds the point', () => {
    const b = decodeGeohash('u4pruydqqvj');
    expect(57.64911).toBeGreaterThanOrEqual(b.minLat);
    expect(57.64911).toBeLessThanOrEqual(b.maxLat);
    expect(10.40744).toBeGreaterThanOrEqual(b.minLng);
    expect(10.40744).toBeLessThanOrEqual(b.maxLng);
  });

  it('has 8 neighbours that touch the cell, across the antimeridian too, fewer at a pole', () => {
    expect(geohashNeighbours('ezs42').sort()).toEqual(
      ['ezs48', 'ezs49', 'ezs43', 'ezs41', 'ezs40', 'ezefr', 'ezefp', 'ezefx'].sort(),
    );
    const east = encodeGeohash(10, 179.99, 4);
    const across = geohashNeighbours(east).map((h) => decodeGeohash(h));
    expect(across.some((b) => b.minLng === -180)).toBe(true);
    expect(geohashNeighbours(encodeGeohash(89.99, 0, 3))).toHaveLength(5);
  });
});

describe('haversine', () => {
  it('measures known distances', () => {
    // Berlin to Paris, about 878 km; one degree of latitude, about 111.2 km.
    expect(haversineKm({ lat: 52.52, lng: 13.405 }, { lat: 48.8566, lng: 2.3522 })).toBeCloseTo(877.5, 0);
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111.19, 1);
    expect(haversineKm({ lat: 0, lng: 179.9 }, { lat: 0, lng: -179.9 })).toBeCloseTo(22.24, 1);
  });

  it('agrees with the destination a distance away', () => {
    const next = random(7);
    for (let i = 0; i < 200; i++) {
      const from = { lat: next() * 160 - 80, lng: next() * 360 - 180 };
      const km = next() * 100;
      expect(haversineKm(from, destination(from, km, next() * 360))).toBeCloseTo(km, 6);
    }
  });
});

describe('covering cells', () => {
  it('hold every point within the radius, including at the edge, near the antimeridian and the poles', () => {
    const next = random(11);
    const centres = [
      { lat: 52.52, lng: 13.405 },
      { lat: 0, lng: 0 },
      { lat: -36.85, lng: 179.95 },
      { lat: 64.1, lng: -21.9 },
      { lat: 78.2, lng: 15.6 },
    ];
    for (const c of centres)
      for (const km of [0.5, 3, 10, 25, 50]) {
        const cells = coveringCells(c, km) ?? [];
        const box = boundingBox(c, km);
        for (let i = 0; i < 300; i++) {
          const p = destination(c, km * (i < 100 ? 0.99999 : next()), next() * 360);
          const hash = encodeGeohash(p.lat, p.lng, 9);
          expect(
            cells.some((cell) => hash.startsWith(cell)),
            `${JSON.stringify(p)} within ${km} km of ${JSON.stringify(c)}`,
          ).toBe(true);
          expect(p.lat).toBeGreaterThanOrEqual(box.minLat - 1e-9);
          expect(p.lat).toBeLessThanOrEqual(box.maxLat + 1e-9);
        }
        expect(cells.every((cell) => cell.length >= indexPrecision)).toBe(true);
      }
  });

  it('stay a bounded number of Queries, refusing a large radius by a pole', () => {
    expect(coveringCells({ lat: 52.52, lng: 13.405 }, 1)?.length).toBeLessThanOrEqual(16);
    expect(coveringCells({ lat: 52.52, lng: 13.405 }, 50)?.length).toBeLessThanOrEqual(40);
    expect(coveringCells({ lat: 0, lng: 0 }, 50)?.length).toBeLessThanOrEqual(40);
    expect(coveringCells({ lat: 89.8, lng: 40 }, 50)).toBeUndefined();
    expect(coveringCells({ lat: 89.8, lng: 40 }, 0.5)?.length).toBeGreaterThan(0);
  });
});

describe('ranking', () => {
  it('weighs a full interest match as half the radius', () => {
    expect(scoreOf(5, 10, 0, 0)).toBe(0.5);
    expect(scoreOf(5, 10, 2, 2)).toBe(0);
    expect(scoreOf(5, 10, 1, 2)).toBe(0.25);
    const near = { score: scoreOf(2, 10, 0, 1), distanceKm: 2, eventId: 'b' };
    const matching = { score: scoreOf(6, 10, 1, 1), distanceKm: 6, eventId: 'a' };
    expect([near, matching].sort(byScore)[0]).toBe(matching);
  });
});
