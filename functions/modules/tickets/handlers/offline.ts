import { getContainer } from '../../../app/container.js';
import { ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { listConflicts, resolveConflict } from '../domain/conflicts.js';
import { offlineCheckinList } from '../domain/offline-list.js';
import { uploadOfflineScans } from '../domain/offline-upload.js';

const deps = () => getContainer().deps;

export const offlineHandlers = {
  getOfflineCheckinList: async ({ principal, params, query }) =>
    ok(await offlineCheckinList(deps(), principal, params.orgId, params.sessionId, query)),
  uploadOfflineScans: async ({ principal, params, body }) =>
    ok(await uploadOfflineScans(deps(), principal, params.orgId, body)),
  listCheckinConflicts: async ({ principal, params, query }) =>
    ok(
      await listConflicts(deps(), principal, params.orgId, params.sessionId, query.status, {
        limit: query.limit,
        cursor: query.cursor,
      }),
    ),
  resolveCheckinConflict: async ({ principal, params, body }) =>
    ok(await resolveConflict(deps(), principal, params.orgId, params.conflictId, body)),
} satisfies Partial<RouteHandlers<'tickets'>>;
