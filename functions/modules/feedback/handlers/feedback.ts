import { getContainer } from '../../../app/container.js';
import { created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { feedbackSummary, giveFeedback, listFeedback } from '../domain/feedback.js';

const deps = () => getContainer().deps;

export const feedbackHandlers = {
  giveFeedback: async ({ principal, params, body }) =>
    created(await giveFeedback(deps(), principal, params.orgId, params.eventId, body)),
  listFeedback: async ({ principal, params, query: { sessionId, ...page } }) =>
    ok(await listFeedback(deps(), principal, params.orgId, params.eventId, sessionId, page)),
  getFeedbackSummary: async ({ principal, params }) =>
    ok(await feedbackSummary(deps(), principal, params.orgId, params.eventId)),
} satisfies Partial<RouteHandlers<'catalog'>>;
