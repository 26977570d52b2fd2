import { getContainer } from '../../../app/container.js';
import { created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import {
  cancelAnnouncement,
  createAnnouncement,
  getAnnouncement,
  listAnnouncements,
  scheduleAnnouncement,
  sendAnnouncementNow,
  updateAnnouncement,
} from '../domain/announcements.js';
import { announcementView } from './views.js';

const deps = () => getContainer().deps;

export const announcementHandlers = {
  createAnnouncement: async ({ principal, params, body }) =>
    created(
      announcementView(await createAnnouncement(deps(), principal, params.orgId, params.eventId, body)),
    ),
  listAnnouncements: async ({ principal, params, query }) => {
    const page = await listAnnouncements(deps(), principal, params.orgId, params.eventId, query);
    return ok({ items: page.items.map((a) => announcementView(a)), nextCursor: page.nextCursor });
  },
  getAnnouncement: async ({ principal, params }) => {
    const { announcement, counts } = await getAnnouncement(deps(), principal, params);
    return ok(announcementView(announcement, counts));
  },
  updateAnnouncement: async ({ principal, params, body }) =>
    ok(announcementView(await updateAnnouncement(deps(), principal, params, body))),
  sendAnnouncement: async ({ principal, params }) =>
    ok(announcementView(await sendAnnouncementNow(deps(), principal, params))),
  scheduleAnnouncement: async ({ principal, params, body }) =>
    ok(announcementView(await scheduleAnnouncement(deps(), principal, params, body.at))),
  cancelAnnouncement: async ({ principal, params }) =>
    ok(announcementView(await cancelAnnouncement(deps(), principal, params))),
} satisfies Partial<RouteHandlers<'catalog'>>;
