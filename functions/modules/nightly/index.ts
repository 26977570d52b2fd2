/** The nightly module's entry: its messages and use cases, for the composition root and scripts. */
export type { NightlyQueue, NightlyRunStore, NightlySettings } from './domain/nightly-model.js';
