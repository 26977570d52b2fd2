import { getContainer } from '../../../app/container.js';
import { asAnonymous } from '../../../kernel/audit/audit-scope.js';
import { created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { feedbackSummary, giveFeedback, listFeedback } from '../domain/feedback.js';

const deps = () => getContainer().deps;

export const feedbackHandlers = {
  // Anonymous feedback names nobody, in its audit record either: the organizers never learn who.
  giveFeedback: async ({ principal, params, body }) => {
    const give = () => giveFeedback(deps(), principal, params.orgId, params.eventId, body);
    return created(await (body.anonymous ? asAnonymous(give) : give()));
  },
  listFeedback: async ({ principal, params, query: { sessionId, ...page } }) =>
    ok(await listFeedback(deps(), principal, params.orgId, params.eventId, sessionId, page)),
  getFeedbackSummary: async ({ principal, params }) =>
    ok(await feedbackSummary(deps(), principal, params.orgId, params.eventId)),
} satisfies Partial<RouteHandlers<'catalog'>>;
