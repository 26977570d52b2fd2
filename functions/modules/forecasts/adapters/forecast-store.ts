import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { ForecastModel, SessionForecast, SessionOutcome } from '../domain/forecast-model.js';
import type { ForecastStore } from '../domain/forecast-ports.js';

/** BatchGetItem's largest request. */
const batchLimit = 100;

export const dynamoForecastStore = (service: EventlyService): ForecastStore => {
  const { sessionOutcome, forecastModel, sessionForecast } = service.entities;
  return {
    async putOutcome(orgId, outcome, at) {
      await sessionOutcome
        .put({ orgId, sessionId: outcome.sessionId, outcome: JSON.stringify(outcome), recordedAt: at })
        .go();
    },

    async recordedOutcomes(orgId, sessionIds) {
      const found = new Set<string>();
      for (let i = 0; i < sessionIds.length; i += batchLimit) {
        const keys = sessionIds.slice(i, i + batchLimit).map((sessionId) => ({ orgId, sessionId }));
        const { data } = await sessionOutcome.get(keys).go({ attributes: ['sessionId'] });
        for (const d of data) found.add(d.sessionId);
      }
      return found;
    },

    async outcomes(orgId) {
      const { data } = await sessionOutcome.query
        .byOrg({ orgId })
        .go({ pages: 'all', attributes: ['outcome'] });
      return data.map((d) => JSON.parse(d.outcome) as SessionOutcome);
    },

    async putModel(orgId, { night, sessions, model }) {
      await forecastModel.put({ orgId, night, sessions, model: JSON.stringify(model) }).go();
    },

    async getModel(orgId) {
      const { data } = await forecastModel.get({ orgId }).go();
      return data
        ? { night: data.night, sessions: data.sessions, model: JSON.parse(data.model) as ForecastModel }
        : undefined;
    },

    async putForecast(orgId, sessionId, { night, forecast }) {
      await sessionForecast.put({ orgId, sessionId, night, forecast: JSON.stringify(forecast) }).go();
    },

    async getForecast(orgId, sessionId) {
      const { data } = await sessionForecast.get({ orgId, sessionId }).go();
      return data ? { night: data.night, forecast: JSON.parse(data.forecast) as SessionForecast } : undefined;
    },

    async removeSession(orgId, sessionId) {
      await sessionForecast.delete({ orgId, sessionId }).go();
      return 1;
    },

    async purgeOrg(orgId, limit) {
      const { data: outcomes } = await sessionOutcome.query
        .byOrg({ orgId })
        .go({ limit, attributes: ['orgId', 'sessionId'] });
      if (outcomes.length > 0) await sessionOutcome.delete(outcomes).go();
      if (outcomes.length === limit) return limit;
      await forecastModel.delete({ orgId }).go();
      return outcomes.length;
    },
  };
};
