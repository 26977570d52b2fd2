import { orgParams, sessionParams } from '../../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../../kernel/http/route-group.js';
import {
  conflictListQuery,
  conflictParams,
  conflictSchema,
  offlineListQuery,
  offlineListSchema,
  offlineUploadAnswerSchema,
  offlineUploadBody,
  resolveConflictBody,
} from '../contracts/offline.js';

/** Offline scanners: what they download, what they upload, and the conflicts staff resolve; in `tickets`. */
export const offlineRoutes = routeGroup({ function: 'tickets', auth: 'jwt', tag: 'Tickets and check-in' }, [
  {
    operationId: 'getOfflineCheckinList',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/checkin-list',
    summary:
      "What a scanner needs offline: the public key, the door rules, the session's tickets (secret hashes), revoked tickets and who is inside; a page at a time",
    params: sessionParams,
    query: offlineListQuery,
    success: reply(200, 'The offline list', offlineListSchema),
    problems: [403, 404],
  },
  {
    operationId: 'uploadOfflineScans',
    method: 'POST',
    path: '/v1/orgs/{orgId}/checkins/offline',
    summary:
      'Scans a device made offline: each is decided as a live scan at its scan time (a ticket is never admitted twice); an entry the device allowed and the server does not makes a conflict record. Sending the upload again answers the same',
    params: orgParams,
    body: offlineUploadBody,
    success: reply(200, "Each scan's answer and the conflicts", offlineUploadAnswerSchema),
    problems: [403, 404, 503],
  },
  {
    operationId: 'listCheckinConflicts',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/checkin-conflicts',
    summary: "A session's conflicts of offline scans, open (default) or resolved, oldest first",
    params: sessionParams,
    query: conflictListQuery,
    success: replyPage('A page of conflicts', conflictSchema, 'CheckinConflictPage'),
    problems: [403, 404],
  },
  {
    operationId: 'resolveCheckinConflict',
    method: 'POST',
    path: '/v1/orgs/{orgId}/checkin-conflicts/{conflictId}/resolve',
    summary:
      'Resolve a conflict: accepted or rejected (a record only: admissions stay as they are). The same answer again is fine; another answer is 409',
    params: conflictParams,
    body: resolveConflictBody,
    success: reply(200, 'The resolved conflict', conflictSchema),
    problems: [403, 404, 409],
  },
]);
