/** The nightly module's entry: its messages and use cases, for the composition root and scripts. */
export {
  type NightlyQueue,
  type NightlyRunStore,
  type NightlySettings,
  sessionSummaryOf,
} from './domain/nightly-model.js';
