import type { Interest } from './model.js';

/** The catalog of a tenant whose config names no `interests` (seed 002's examples and the like). */
export const defaultInterests: readonly Interest[] = [
  ['music', 'Music'],
  ['sports', 'Sports'],
  ['travel', 'Travel'],
  ['food', 'Food & drink'],
  ['art', 'Art'],
  ['tech', 'Technology'],
  ['outdoors', 'Outdoors'],
  ['games', 'Games'],
  ['books', 'Books'],
  ['wellness', 'Wellness'],
  ['film', 'Film'],
  ['dance', 'Dance'],
].map(([slug = '', name = '']) => ({ interestId: slug, name, slug }));
