import type { ForecastModel, SessionForecast, SessionOutcome } from './forecast-model.js';

/** A session's stored forecast, with the night whose run wrote it. */
export interface StoredForecast {
  night: string;
  forecast: SessionForecast;
}

/** The organization's model as last trained. */
export interface StoredModel {
  night: string;
  sessions: number;
  model: ForecastModel;
}

export interface ForecastStore {
  /** Records what an ended session taught (a second write of the same session replaces it). */
  putOutcome(orgId: string, outcome: SessionOutcome, at: string): Promise<void>;
  /** Which of these sessions already have their outcome recorded. */
  recordedOutcomes(orgId: string, sessionIds: readonly string[]): Promise<Set<string>>;
  /** Every recorded outcome of the organization. */
  outcomes(orgId: string): Promise<SessionOutcome[]>;
  putModel(orgId: string, stored: StoredModel): Promise<void>;
  getModel(orgId: string): Promise<StoredModel | undefined>;
  putForecast(orgId: string, sessionId: string, stored: StoredForecast): Promise<void>;
  getForecast(orgId: string, sessionId: string): Promise<StoredForecast | undefined>;
  /** Removes the session's forecast (its cascade delete); its outcome stays in the history. */
  removeSession(orgId: string, sessionId: string): Promise<number>;
  /** Deletes up to `limit` forecast items of an organization (its cascade delete); fewer means none are left. */
  purgeOrg(orgId: string, limit: number): Promise<number>;
}
