import { orgParams } from '../../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../../kernel/http/route-group.js';
import {
  attendeeListQuery,
  attendeeParams,
  attendeeSchema,
  createAttendeeBody,
  myAttendeeBody,
  updateAttendeeBody,
} from '../contracts/attendees.js';

/** Attendees of an organization and each signed-in user's own record, served by `catalog`. */
export const attendeeRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Attendees' }, [
  {
    operationId: 'createAttendee',
    method: 'POST',
    path: '/v1/orgs/{orgId}/attendees',
    summary: 'Register an attendee (email, phone and linked user are each unique in the organization)',
    params: orgParams,
    body: createAttendeeBody,
    success: reply(201, 'Created', attendeeSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listAttendees',
    method: 'GET',
    path: '/v1/orgs/{orgId}/attendees',
    summary: 'List attendees, or look one up by email or phone',
    params: orgParams,
    query: attendeeListQuery,
    success: replyPage('A page of attendees', attendeeSchema, 'AttendeePage'),
    problems: [403, 404],
  },
  {
    operationId: 'getAttendee',
    method: 'GET',
    path: '/v1/orgs/{orgId}/attendees/{attendeeId}',
    summary: 'Read an attendee',
    params: attendeeParams,
    success: reply(200, 'The attendee', attendeeSchema),
    problems: [403, 404],
  },
  {
    operationId: 'updateAttendee',
    method: 'PATCH',
    path: '/v1/orgs/{orgId}/attendees/{attendeeId}',
    summary: 'Change names, email or phone',
    params: attendeeParams,
    body: updateAttendeeBody,
    success: reply(200, 'The updated attendee', attendeeSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'deleteAttendee',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/attendees/{attendeeId}',
    summary: 'Delete an attendee, taking them out of their party (a leader must hand over first)',
    params: attendeeParams,
    success: reply(204, 'Deleted'),
    problems: [403, 404, 409],
  },
  {
    operationId: 'getMyAttendee',
    method: 'GET',
    path: '/v1/orgs/{orgId}/me',
    summary: "The caller's own attendee record in an organization (any signed-in user)",
    tag: 'Me',
    params: orgParams,
    success: reply(200, 'Your attendee record', attendeeSchema),
    problems: [404, 409],
  },
  {
    operationId: 'ensureMyAttendee',
    method: 'POST',
    path: '/v1/orgs/{orgId}/me',
    summary:
      "Create the caller's attendee record, linked to them and with their token's verified email; returns the existing one if there is",
    tag: 'Me',
    params: orgParams,
    body: myAttendeeBody,
    success: reply(200, 'Your attendee record', attendeeSchema),
    problems: [404, 409],
  },
]);
