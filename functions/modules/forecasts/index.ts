/** The forecasts module's entry: the model, its store's port, and the waitlist's estimate. */
export {
  type ForecastModel,
  forecastSession,
  type SessionForecast,
  type SessionOutcome,
  trainForecastModel,
  type UpcomingSession,
} from './domain/forecast-model.js';
export type { ForecastStore, StoredForecast, StoredModel } from './domain/forecast-ports.js';
export { waitlistEstimate } from './domain/waitlist-estimate.js';
