import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { StoredForecast } from './forecast-ports.js';

export interface SessionForecastView extends StoredForecast {
  sessionId: string;
}

/**
 * A session's latest forecast, for its organizers. A session the nightly run has not forecast
 * (it starts beyond the forecast horizon, has started, or the organization has no history yet)
 * answers 404 `forecast`.
 */
export const readSessionForecast = async (
  deps: Pick<Deps, 'forecasts' | 'sessions'> & AccessDeps,
  principal: Principal,
  ref: { orgId: string; sessionId: string },
): Promise<SessionForecastView> => {
  await authorize(deps, ref.orgId, principal, 'forecast.read');
  const [session, stored] = await Promise.all([
    deps.sessions.get(ref.orgId, ref.sessionId),
    deps.forecasts.getForecast(ref.orgId, ref.sessionId),
  ]);
  if (!session) throw notFound('session');
  if (!stored) throw notFound('forecast');
  return { sessionId: ref.sessionId, ...stored };
};
