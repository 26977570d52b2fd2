import { orgParams } from '../../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../../kernel/http/route-group.js';
import { deletionSchema } from '../../deletions/index.js';
import {
  changeEventStatusBody,
  createEventBody,
  eventListQuery,
  eventParams,
  eventSchema,
  publicEventListQuery,
  publicEventSchema,
  updateEventBody,
} from '../contracts/events.js';

/** Events and their lifecycle, served by the `catalog` function. */
export const eventRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Events' }, [
  {
    operationId: 'createEvent',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events',
    summary: 'Create an event (as a draft) at a venue of the organization',
    params: orgParams,
    body: createEventBody,
    success: reply(201, 'Created', eventSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listEvents',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events',
    summary: 'List events by start, optionally of one venue, of one status and starting in [from, to)',
    params: orgParams,
    query: eventListQuery,
    success: replyPage('A page of events', eventSchema, 'EventPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getEvent',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}',
    summary: 'Read an event',
    params: eventParams,
    success: reply(200, 'The event', eventSchema),
    problems: [403, 404],
  },
  {
    operationId: 'updateEvent',
    method: 'PATCH',
    path: '/v1/orgs/{orgId}/events/{eventId}',
    summary: 'Change an event; `settings` changes only the settings it names',
    params: eventParams,
    body: updateEventBody,
    success: reply(200, 'The updated event', eventSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'changeEventStatus',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/status',
    summary:
      'Move an event along draft -> published -> postponed | cancelled | completed (postponed -> published again; cancelled and completed are final)',
    params: eventParams,
    body: changeEventStatusBody,
    success: reply(200, 'The event in its new status', eventSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'deleteEvent',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/events/{eventId}',
    summary: 'Delete an event with its sessions (asynchronously)',
    params: eventParams,
    success: reply(202, 'Deletion started', deletionSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listPublicEvents',
    method: 'GET',
    path: '/v1/events',
    auth: 'none',
    publicBecause:
      "The public event catalog: only events their organizers published with visibility 'public', and " +
      'only their listing fields (publicEventSchema: no attendees, bookings, members or private events).',
    summary: 'Published public events of every organization, by start, optionally with a tag',
    query: publicEventListQuery,
    success: replyPage('A page of public events', publicEventSchema, 'PublicEventPage'),
    problems: [],
  },
]);
