import { getContainer } from '../../../app/container.js';
import { ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import type { Notification } from '../domain/model.js';
import {
  getMyNotificationPreferences,
  listMyNotifications,
  markNotificationRead,
  setMyNotificationPreferences,
} from '../domain/notifications.js';

const deps = () => getContainer().deps;

/** The response shape: delivery internals (attempts, recipient, message id) stay inside. */
const view = (n: Notification) => ({
  notificationId: n.notificationId,
  orgId: n.orgId,
  sessionId: n.sessionId,
  type: n.type,
  status: n.status,
  sentChannels: n.sentChannels,
  payload: n.payload,
  createdAt: n.at,
  readAt: n.readAt,
});

export const notificationHandlers = {
  listMyNotifications: async ({ principal, query }) => {
    const page = await listMyNotifications(deps(), principal, query);
    return ok({ items: page.items.map(view), nextCursor: page.nextCursor });
  },
  markNotificationRead: async ({ principal, params }) =>
    ok(view(await markNotificationRead(deps(), principal, params.notificationId))),
  getMyNotificationPreferences: async ({ principal, params }) =>
    ok(await getMyNotificationPreferences(deps(), principal, params.orgId)),
  setMyNotificationPreferences: async ({ principal, params, body }) =>
    ok(
      await setMyNotificationPreferences(deps(), principal, params.orgId, {
        channels: body.channels,
        quietHours: body.quietHours ?? null,
      }),
    ),
} satisfies Partial<RouteHandlers<'orgs'>>;
