/**
 * Geohash (base 32, interleaved longitude/latitude bits), written by hand: encode, decode to the
 * cell's bounds, and neighbours. Pure; the discovery index keys events by a prefix of it.
 */

const base32 = '0123456789bcdefghjkmnpqrstuvwxyz';

export interface CellBounds {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

export const encodeGeohash = (lat: number, lng: number, precision: number): string => {
  let [minLat, maxLat, minLng, maxLng] = [-90, 90, -180, 180];
  let hash = '';
  let bits = 0;
  let value = 0;
  let evenBit = true;
  while (hash.length < precision) {
    if (evenBit) {
      const mid = (minLng + maxLng) / 2;
      if (lng >= mid) {
        value = value * 2 + 1;
        minLng = mid;
      } else {
        value *= 2;
        maxLng = mid;
      }
    } else {
      const mid = (minLat + maxLat) / 2;
      if (lat >= mid) {
        value = value * 2 + 1;
        minLat = mid;
      } else {
        value *= 2;
        maxLat = mid;
      }
    }
    evenBit = !evenBit;
    if (++bits === 5) {
      hash += base32[value];
      bits = 0;
      value = 0;
    }
  }
  return hash;
};

export const decodeGeohash = (hash: string): CellBounds => {
  let [minLat, maxLat, minLng, maxLng] = [-90, 90, -180, 180];
  let evenBit = true;
  for (const ch of hash) {
    const value = base32.indexOf(ch);
    if (value < 0) throw new Error(`not a geohash character: ${ch}`);
    for (let bit = 4; bit >= 0; bit--) {
      const on = ((value >> bit) & 1) === 1;
      if (evenBit) {
        const mid = (minLng + maxLng) / 2;
        if (on) minLng = mid;
        else maxLng = mid;
      } else {
        const mid = (minLat + maxLat) / 2;
        if (on) minLat = mid;
        else maxLat = mid;
      }
      evenBit = !evenBit;
    }
  }
  return { minLat, maxLat, minLng, maxLng };
};

/** Longitude folded into [-180, 180). */
export const wrapLng = (lng: number): number => ((((lng + 180) % 360) + 360) % 360) - 180;

/**
 * The 8 cells around `hash` at its precision (fewer next to a pole, where there is nothing north
 * or south), found from the cell's centre moved by one cell size; wraps across the antimeridian.
 */
export const geohashNeighbours = (hash: string): string[] => {
  const b = decodeGeohash(hash);
  const height = b.maxLat - b.minLat;
  const width = b.maxLng - b.minLng;
  const lat = (b.minLat + b.maxLat) / 2;
  const lng = (b.minLng + b.maxLng) / 2;
  const out = new Set<string>();
  for (const dLat of [-1, 0, 1])
    for (const dLng of [-1, 0, 1]) {
      const nLat = lat + dLat * height;
      if ((dLat === 0 && dLng === 0) || nLat <= -90 || nLat >= 90) continue;
      out.add(encodeGeohash(nLat, wrapLng(lng + dLng * width), hash.length));
    }
  out.delete(hash);
  return [...out];
};
