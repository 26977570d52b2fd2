import { eventParams, pageQuerySchema } from '../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import {
  announcementParams,
  announcementSchema,
  createAnnouncementBody,
  scheduleAnnouncementBody,
  updateAnnouncementBody,
} from './contracts/announcements.js';

const base = '/v1/orgs/{orgId}/events/{eventId}/announcements';

/**
 * An event's announcements (docs/announcements.md), served by `catalog` beside the event. Drafted,
 * edited, sent, scheduled and cancelled by organizers and by team members who may
 * `send_announcements`.
 */
export const announcementRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Announcements' }, [
  {
    operationId: 'createAnnouncement',
    method: 'POST',
    path: base,
    summary: 'Draft an announcement of the event',
    params: eventParams,
    body: createAnnouncementBody,
    success: reply(201, 'Created', announcementSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'sendAnnouncement',
    method: 'POST',
    path: `${base}/{announcementId}/send`,
    summary:
      'Send a draft or scheduled announcement now (status sending, then sent); asked again, answers it as it is',
    params: announcementParams,
    success: reply(200, 'The announcement, sending', announcementSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'scheduleAnnouncement',
    method: 'POST',
    path: `${base}/{announcementId}/schedule`,
    summary: 'Schedule a draft (or move a scheduled) announcement to a time in the future',
    params: announcementParams,
    body: scheduleAnnouncementBody,
    success: reply(200, 'The scheduled announcement', announcementSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'cancelAnnouncement',
    method: 'POST',
    path: `${base}/{announcementId}/cancel`,
    summary: 'Cancel a draft or scheduled announcement (409 ANNOUNCEMENT_NOT_EDITABLE once sending or sent)',
    params: announcementParams,
    success: reply(200, 'The cancelled announcement', announcementSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listAnnouncements',
    method: 'GET',
    path: base,
    summary: "The event's announcements",
    params: eventParams,
    query: pageQuerySchema,
    success: replyPage('A page of announcements', announcementSchema, 'AnnouncementPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getAnnouncement',
    method: 'GET',
    path: `${base}/{announcementId}`,
    summary: 'Read an announcement, with its delivery counts per channel once sending began',
    params: announcementParams,
    success: reply(200, 'The announcement', announcementSchema),
    problems: [403, 404],
  },
  {
    operationId: 'updateAnnouncement',
    method: 'PATCH',
    path: `${base}/{announcementId}`,
    summary: 'Edit a draft or scheduled announcement (409 ANNOUNCEMENT_NOT_EDITABLE otherwise)',
    params: announcementParams,
    body: updateAnnouncementBody,
    success: reply(200, 'The updated announcement', announcementSchema),
    problems: [403, 404, 409],
  },
]);
