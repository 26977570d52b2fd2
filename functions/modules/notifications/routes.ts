import { orgParams, pageOf, pageQuerySchema } from '../../kernel/contracts/common.js';
import type { RouteDefinition } from '../../kernel/http/route-definition.js';
import {
  notificationParams,
  notificationPreferencesSchema,
  notificationPreferencesViewSchema,
  notificationSchema,
} from './contracts/notifications.js';

const notificationPage = pageOf(notificationSchema, 'NotificationPage');

/** The caller's notifications (in-app) and their channel preferences; served by `orgs`. */
export const notificationRoutes = [
  {
    operationId: 'listMyNotifications',
    method: 'GET',
    path: '/v1/me/notifications',
    function: 'orgs',
    auth: 'jwt',
    summary: "The caller's notifications across organizations, newest first",
    tag: 'Me',
    query: pageQuerySchema,
    success: { status: 200, description: 'A page of notifications', schema: notificationPage },
    problems: [],
  },
  {
    operationId: 'markNotificationRead',
    method: 'POST',
    path: '/v1/me/notifications/{notificationId}/read',
    function: 'orgs',
    auth: 'jwt',
    summary: 'Mark one of your notifications read (repeating it keeps the first read time)',
    tag: 'Me',
    params: notificationParams,
    success: { status: 200, description: 'The notification', schema: notificationSchema },
    problems: [404],
  },
  {
    operationId: 'getMyNotificationPreferences',
    method: 'GET',
    path: '/v1/orgs/{orgId}/me/notification-preferences',
    function: 'orgs',
    auth: 'jwt',
    summary: 'Your notification channels and quiet hours in this organization (default: email and in-app)',
    tag: 'Me',
    params: orgParams,
    success: { status: 200, description: 'The preferences', schema: notificationPreferencesViewSchema },
    problems: [404],
  },
  {
    operationId: 'setMyNotificationPreferences',
    method: 'PUT',
    path: '/v1/orgs/{orgId}/me/notification-preferences',
    function: 'orgs',
    auth: 'jwt',
    summary:
      "Choose your notification channels and quiet hours in this organization (SMS and push wait out quiet hours, in the venue's time zone)",
    tag: 'Me',
    params: orgParams,
    body: notificationPreferencesSchema,
    success: { status: 200, description: 'The preferences', schema: notificationPreferencesViewSchema },
    problems: [404, 409],
  },
] as const satisfies readonly RouteDefinition[];
