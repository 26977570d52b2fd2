import { type AccessDeps, assertOrgOpen } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { defaultPreferences, type Notification, type NotificationPreferences } from './model.js';

/**
 * Notifications as their recipients read and steer them: the in-app list across organizations,
 * marking one read, and per-organization channel preferences with quiet hours.
 */

export const listMyNotifications = (
  deps: Pick<Deps, 'notifications'>,
  principal: Principal,
  page: PageRequest,
): Promise<Page<Notification>> => deps.notifications.listByUser(principal.sub, page);

/** Idempotent: a notification read before keeps its first read time. Others' answer NOT_FOUND. */
export const markNotificationRead = async (
  deps: Pick<Deps, 'clock' | 'notifications'>,
  principal: Principal,
  notificationId: string,
): Promise<Notification> => {
  const notification = await deps.notifications.getForUser(principal.sub, notificationId);
  if (!notification) throw notFound('notification');
  if (notification.readAt) return notification;
  return deps.notifications.markRead(notification, deps.clock.now().toISOString());
};

/**
 * Preferences belong to someone the organization knows: an active member, or a person whose
 * attendee record is linked to the caller. Everyone else is told the organization does not exist.
 */
const assertKnownTo = async (
  deps: Pick<Deps, 'attendees'> & AccessDeps,
  orgId: string,
  principal: Principal,
): Promise<void> => {
  const [org, member] = await Promise.all([deps.orgs.get(orgId), deps.members.get(orgId, principal.sub)]);
  assertOrgOpen(org?.status);
  if (member?.status === 'active') return;
  if (!(await deps.attendees.findBy(orgId, 'userId', principal.sub))) throw notFound('organization');
};

export const getMyNotificationPreferences = async (
  deps: Pick<Deps, 'attendees' | 'notifications'> & AccessDeps,
  principal: Principal,
  orgId: string,
): Promise<NotificationPreferences> => {
  await assertKnownTo(deps, orgId, principal);
  return (await deps.notifications.getPreferences(orgId, principal.sub)) ?? defaultPreferences;
};

/** Replaces the caller's preferences in the organization (a PUT: repeating it changes nothing). */
export const setMyNotificationPreferences = async (
  deps: Pick<Deps, 'attendees' | 'clock' | 'notifications'> & AccessDeps,
  principal: Principal,
  orgId: string,
  preferences: NotificationPreferences,
): Promise<NotificationPreferences> => {
  await assertKnownTo(deps, orgId, principal);
  await deps.notifications.putPreferences(orgId, principal.sub, preferences, deps.clock.now().toISOString());
  return preferences;
};
