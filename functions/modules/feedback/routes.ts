import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import {
  feedbackBody,
  feedbackEventParams,
  feedbackListQuery,
  feedbackSchema,
  feedbackSummarySchema,
} from './contracts/feedback.js';

/** Attendees' feedback on events and sessions, and its averages, served by `catalog`. */
export const feedbackRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Feedback' }, [
  {
    operationId: 'giveFeedback',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/feedback',
    summary:
      'Give feedback on the event or one of its sessions as the attendee linked to you: once per session (or event), only when admitted (or, where the door checks nobody in, booked); 403 FEEDBACK_NOT_ELIGIBLE, 409 FEEDBACK_EXISTS',
    params: feedbackEventParams,
    body: feedbackBody,
    success: reply(201, 'The feedback given', feedbackSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listFeedback',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/feedback',
    summary:
      "The event's feedback, or one session's, by session and time; anonymous feedback names nobody (organizers)",
    params: feedbackEventParams,
    query: feedbackListQuery,
    success: replyPage('A page of feedback', feedbackSchema, 'FeedbackPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getFeedbackSummary',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/feedback/summary',
    summary:
      "The averages of the event's feedback by dimension: all of it, that on the event as a whole, and each session's (organizers)",
    params: feedbackEventParams,
    success: reply(200, 'Counts and averages', feedbackSummarySchema),
    problems: [403, 404],
  },
]);
