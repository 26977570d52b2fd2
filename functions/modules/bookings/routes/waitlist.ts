import { pageQuerySchema, sessionParams } from '../../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../../kernel/http/route-group.js';
import {
  joinWaitlistBody,
  moveWaitlistBody,
  waitlistEntryParams,
  waitlistEntrySchema,
  waitlistListQuery,
} from '../contracts/waitlist.js';

/** Waitlists of full sessions: join, leave, read, move, and the answer to an offer; served by `bookings`. */
export const waitlistRoutes = routeGroup({ function: 'bookings', auth: 'jwt', tag: 'Waitlist' }, [
  {
    operationId: 'joinWaitlist',
    method: 'POST',
    throttleClass: 'bookings',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/waitlist',
    summary:
      'Join the waitlist of a session as an attendee or a party (staff: for anyone, e.g. walk-ins). Send an Idempotency-Key to retry safely',
    params: sessionParams,
    body: joinWaitlistBody,
    success: reply(201, 'The waitlist entry', waitlistEntrySchema),
    problems: [403, 404, 409, 503],
  },
  {
    operationId: 'listSessionWaitlist',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/waitlist',
    summary: 'List the waitlist entries of a session, optionally of one status (staff)',
    params: sessionParams,
    query: waitlistListQuery,
    success: replyPage('A page of waitlist entries', waitlistEntrySchema, 'WaitlistPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getWaitlistEntry',
    method: 'GET',
    path: '/v1/orgs/{orgId}/waitlist/{entryId}',
    summary: 'Read a waitlist entry with its rank and estimated wait (staff, or its owner)',
    params: waitlistEntryParams,
    success: reply(200, 'The waitlist entry', waitlistEntrySchema),
    problems: [403, 404],
  },
  {
    operationId: 'leaveWaitlist',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/waitlist/{entryId}',
    summary:
      'Take a waiting entry off the waitlist: its owner cancels it, staff remove it. Safe to repeat: an entry already off answers as it is',
    params: waitlistEntryParams,
    success: reply(200, 'The entry, cancelled or removed', waitlistEntrySchema),
    problems: [403, 404, 409, 503],
  },
  {
    operationId: 'moveWaitlistEntry',
    method: 'POST',
    path: '/v1/orgs/{orgId}/waitlist/{entryId}/move',
    summary: 'Move a waiting entry to another rank in the line (staff)',
    params: waitlistEntryParams,
    body: moveWaitlistBody,
    success: reply(200, 'The moved entry', waitlistEntrySchema),
    problems: [403, 404, 409, 503],
  },
  {
    operationId: 'acceptWaitlistOffer',
    method: 'POST',
    throttleClass: 'bookings',
    path: '/v1/orgs/{orgId}/waitlist/{entryId}/accept',
    summary:
      'Accept an offer before its deadline: free events confirm the held booking, priced events keep it held for payment (owner or staff)',
    params: waitlistEntryParams,
    success: reply(200, 'The entry', waitlistEntrySchema),
    problems: [403, 404, 409, 503],
  },
  {
    operationId: 'declineWaitlistOffer',
    method: 'POST',
    path: '/v1/orgs/{orgId}/waitlist/{entryId}/decline',
    summary: 'Decline an offer, releasing its held places to the next in line (owner or staff)',
    params: waitlistEntryParams,
    success: reply(200, 'The declined entry', waitlistEntrySchema),
    problems: [403, 404, 409, 503],
  },
  {
    operationId: 'listMyWaitlist',
    method: 'GET',
    path: '/v1/me/waitlist',
    summary: "The caller's waitlist entries across organizations, newest first",
    tag: 'Me',
    query: pageQuerySchema,
    success: replyPage('A page of waitlist entries', waitlistEntrySchema, 'WaitlistPage'),
    problems: [],
  },
]);
