import { orgParams, pageQuerySchema } from '../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import { deviceParams, deviceRegistrationSchema, deviceSchema } from './contracts/devices.js';
import {
  notificationParams,
  notificationPreferencesSchema,
  notificationPreferencesViewSchema,
  notificationSchema,
} from './contracts/notifications.js';

/** The caller's notifications (in-app), their channel preferences and push devices; served by `orgs`. */
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
  {
    operationId: 'registerMyDevice',
    method: 'POST',
    path: '/v1/me/devices',
    summary:
      'Register a device of yours for push (201; 200 when it was already yours). A token registered by another user moves to you; past 10 devices your oldest is dropped',
    body: deviceRegistrationSchema,
    success: reply(201, 'The device', deviceSchema),
    problems: [409],
  },
  {
    operationId: 'listMyDevices',
    method: 'GET',
    path: '/v1/me/devices',
    summary: 'Your push devices, oldest registration first',
    query: pageQuerySchema,
    success: replyPage('A page of devices', deviceSchema, 'DevicePage'),
    problems: [],
  },
  {
    operationId: 'removeMyDevice',
    method: 'DELETE',
    path: '/v1/me/devices/{deviceId}',
    summary: 'Remove a device of yours: it gets no more push',
    params: deviceParams,
    success: reply(204, 'Removed'),
    problems: [404],
  },
]);
