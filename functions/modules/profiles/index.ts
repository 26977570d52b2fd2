/**
 * The profiles module's public entry: what other modules may use. Everything else in the folder
 * is the module's own.
 */
export type { Profile } from './domain/model.js';
