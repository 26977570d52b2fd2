import { orgParams, pageQuerySchema } from '../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import {
  notificationParams,
  notificationPreferencesSchema,
  notificationPreferencesViewSchema,
  notificationSchema,
} from './contracts/notifications.js';

/** The caller's notifications (in-app) and their channel preferences; served by `orgs`. */
export const notificationRoutes = routeGroup({ function: 'orgs', auth: 'jwt', tag: 'Me' }, [
  {
    operationId: 'listMyNotifications',
    method: 'GET',
    path: '/v1/me/notifications',
    summary: "The caller's notifications across organizations, newest first",
    query: pageQuerySchema,
    success: replyPage('A page of notifications', notificationSchema, 'NotificationPage'),
    problems: [],
  },
  {
    operationId: 'markNotificationRead',
    method: 'POST',
    path: '/v1/me/notifications/{notificationId}/read',
    summary: 'Mark one of your notifications read (repeating it keeps the first read time)',
    params: notificationParams,
    success: reply(200, 'The notification', notificationSchema),
    problems: [404],
  },
  {
    operationId: 'getMyNotificationPreferences',
    method: 'GET',
    path: '/v1/orgs/{orgId}/me/notification-preferences',
    summary: 'Your notification channels and quiet hours in this organization (default: email and in-app)',
    params: orgParams,
    success: reply(200, 'The preferences', notificationPreferencesViewSchema),
    problems: [404],
  },
  {
    operationId: 'setMyNotificationPreferences',
    method: 'PUT',
    path: '/v1/orgs/{orgId}/me/notification-preferences',
    summary:
      "Choose your notification channels and quiet hours in this organization (SMS and push wait out quiet hours, in the venue's time zone)",
    params: orgParams,
    body: notificationPreferencesSchema,
    success: reply(200, 'The preferences', notificationPreferencesViewSchema),
    problems: [404, 409],
  },
]);
