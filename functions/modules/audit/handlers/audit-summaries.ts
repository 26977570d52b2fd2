import { getContainer } from '../../../app/container.js';
import { ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { readAuditSummary } from '../domain/audit-summary.js';

export const auditHandlers = {
  getAuditSummary: async ({ principal, params }) =>
    ok(await readAuditSummary(getContainer().deps, principal, params)),
} satisfies Partial<RouteHandlers<'orgs'>>;
