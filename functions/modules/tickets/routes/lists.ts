import { orgParams, pageQuerySchema } from '../../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../../kernel/http/route-group.js';
import {
  checkinListParams,
  checkinListSchema,
  createCheckinListBody,
  updateCheckinListBody,
} from '../contracts/checkin-lists.js';

/**
 * Check-in lists: organizers (`checkin.manage`) set them up; the door (`checkin.scan`) reads them
 * for their rules. Served by `tickets`, beside the scans that apply them.
 */
export const checkinListRoutes = routeGroup(
  { function: 'tickets', auth: 'jwt', tag: 'Tickets and check-in' },
  [
    {
      operationId: 'createCheckinList',
      method: 'POST',
      path: '/v1/orgs/{orgId}/checkin-lists',
      summary:
        'Create a check-in list: the sessions its scanners admit (1 to 50), re-entry and the door window',
      params: orgParams,
      body: createCheckinListBody,
      success: reply(201, 'Created', checkinListSchema),
      problems: [403, 404],
    },
    {
      operationId: 'listCheckinLists',
      method: 'GET',
      path: '/v1/orgs/{orgId}/checkin-lists',
      summary: "The organization's check-in lists",
      params: orgParams,
      query: pageQuerySchema,
      success: replyPage('A page of check-in lists', checkinListSchema, 'CheckinListPage'),
      problems: [403, 404],
    },
    {
      operationId: 'getCheckinList',
      method: 'GET',
      path: '/v1/orgs/{orgId}/checkin-lists/{listId}',
      summary: 'Read a check-in list',
      params: checkinListParams,
      success: reply(200, 'The check-in list', checkinListSchema),
      problems: [403, 404],
    },
    {
      operationId: 'updateCheckinList',
      method: 'PATCH',
      path: '/v1/orgs/{orgId}/checkin-lists/{listId}',
      summary: "Change a check-in list's name, sessions or rules",
      params: checkinListParams,
      body: updateCheckinListBody,
      success: reply(200, 'The updated check-in list', checkinListSchema),
      problems: [403, 404, 409],
    },
    {
      operationId: 'deleteCheckinList',
      method: 'DELETE',
      path: '/v1/orgs/{orgId}/checkin-lists/{listId}',
      summary: 'Delete a check-in list (scans already made under it stay)',
      params: checkinListParams,
      success: reply(204, 'Deleted'),
      problems: [403, 404, 409],
    },
  ],
);
