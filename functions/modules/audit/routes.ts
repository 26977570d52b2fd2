import { orgParams } from '../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import {
  auditEntrySchema,
  auditSummaryParams,
  auditSummarySchema,
  auditTrailQuery,
} from './contracts/audit-summaries.js';

/** What changed in an organization, for its owners and admins; served by `orgs`. */
export const auditRoutes = routeGroup({ function: 'orgs', auth: 'jwt', tag: 'Audit' }, [
  {
    operationId: 'getAuditSummary',
    method: 'GET',
    path: '/v1/orgs/{orgId}/audit/summaries/{day}',
    summary:
      "A day's audited changes, counted by kind and by actor (written by the nightly run after the day; 404 before)",
    params: auditSummaryParams,
    success: reply(200, 'The summary', auditSummarySchema),
    problems: [403, 404],
  },
  {
    operationId: 'listAuditRecords',
    method: 'GET',
    path: '/v1/orgs/{orgId}/audit',
    summary:
      'The audit trail: the records of one target (type and id) or one actor, newest first, or of one UTC day in time order',
    params: orgParams,
    query: auditTrailQuery,
    success: replyPage('A page of audit records', auditEntrySchema, 'AuditEntryPage'),
    problems: [403, 404, 422],
  },
]);
