import { earthRadiusKm, type LatLng } from './geo-distance.js';
import { decodeGeohash, encodeGeohash, wrapLng } from './geohash.js';

/**
 * Which geohash cells a radius search reads. Pure.
 *
 * The index keys each event by its precision-4 cell (`indexPrecision`: about 39 x 20 km) and sorts
 * it by its full geohash, so a search may read a finer cell as a prefix of the sort key. A search
 * picks the finest precision (6, 5, then 4) whose cover needs at most `preferredCells` cells, so a
 * small radius reads little beyond itself and a large one stays a bounded number of Queries.
 */
export const indexPrecision = 4;
export const itemPrecision = 9;
const finestQueryPrecision = 6;
const preferredCells = 16;
/**
 * The most cells one search reads. Away from the poles a 50 km radius needs at most about 40;
 * near a pole, where cells narrow, a large radius would need hundreds and is refused instead.
 */
export const maxQueryCells = 200;

export interface LatLngBox {
  minLat: number;
  maxLat: number;
  /** May pass ±180 (the box then crosses the antimeridian); `full` when every longitude is in. */
  minLng: number;
  maxLng: number;
  full: boolean;
}

const deg = (r: number) => (r * 180) / Math.PI;

/**
 * The smallest latitude/longitude box holding every point within `km` of `c`: the latitude bound
 * is the meridian distance, the longitude bound the tangent meridians (asin(sin d / cos lat));
 * a circle that reaches a pole takes every longitude.
 */
export const boundingBox = (c: LatLng, km: number): LatLngBox => {
  const d = km / earthRadiusKm;
  const minLat = c.lat - deg(d);
  const maxLat = c.lat + deg(d);
  const sinD = Math.sin(Math.min(d, Math.PI / 2));
  const cosLat = Math.cos((c.lat * Math.PI) / 180);
  if (minLat <= -90 || maxLat >= 90 || sinD >= cosLat)
    return {
      minLat: Math.max(-90, minLat),
      maxLat: Math.min(90, maxLat),
      minLng: -180,
      maxLng: 180,
      full: true,
    };
  const dLng = deg(Math.asin(sinD / cosLat));
  return { minLat, maxLat, minLng: c.lng - dLng, maxLng: c.lng + dLng, full: false };
};

/** About how many cells of `precision` meet the box (an upper bound), before walking them. */
const cellCountOf = (box: LatLngBox, precision: number): number => {
  const lngBits = Math.ceil((5 * precision) / 2);
  const height = 180 / 2 ** (5 * precision - lngBits);
  const width = 360 / 2 ** lngBits;
  const cols = box.full ? 360 / width : Math.ceil((box.maxLng - box.minLng) / width) + 1;
  return (Math.ceil((box.maxLat - box.minLat) / height) + 1) * cols;
};

/** Every cell of `precision` that meets the box, walked row by row from cell centres. */
export const cellsOfBox = (box: LatLngBox, precision: number): string[] => {
  const first = decodeGeohash(encodeGeohash(box.minLat, wrapLng(box.minLng), precision));
  const height = first.maxLat - first.minLat;
  const width = first.maxLng - first.minLng;
  const cells = new Set<string>();
  // Longitudes run east from the west edge of the first cell, unwrapped; encoding wraps them.
  const west = box.full ? -180 : first.minLng;
  const east = box.full ? 180 - width / 2 : wrapLng(box.minLng) + (box.maxLng - box.minLng);
  for (let lat = first.minLat + height / 2; lat - height / 2 <= box.maxLat && lat < 90; lat += height)
    for (let lng = west + width / 2; lng - width / 2 <= east && lng < west + 360; lng += width)
      cells.add(encodeGeohash(lat, wrapLng(lng), precision));
  return [...cells];
};

/**
 * The cells a search within `km` of `c` Queries (each names its index cell by its first 4 chars);
 * undefined when more than `maxQueryCells` would be needed (a large radius by a pole).
 */
export const coveringCells = (c: LatLng, km: number): string[] | undefined => {
  const box = boundingBox(c, km);
  for (let p = finestQueryPrecision; p > indexPrecision; p--) {
    if (cellCountOf(box, p) > 4 * preferredCells) continue;
    const cells = cellsOfBox(box, p);
    if (cells.length <= preferredCells) return cells;
  }
  return cellCountOf(box, indexPrecision) > maxQueryCells ? undefined : cellsOfBox(box, indexPrecision);
};
