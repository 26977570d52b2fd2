import { getContainer } from '../../../app/container.js';
import { ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { readAuditSummary } from '../domain/audit-summary.js';
import { readAuditTrail } from '../domain/audit-trail.js';

export const auditHandlers = {
  getAuditSummary: async ({ principal, params }) =>
    ok(await readAuditSummary(getContainer().deps, principal, params)),
  listAuditRecords: async ({
    principal,
    params,
    query: { limit, cursor, targetType, targetId, actor, day },
  }) => {
    const selector =
      targetType !== undefined && targetId !== undefined
        ? { by: 'target' as const, targetType, targetId }
        : actor !== undefined
          ? { by: 'actor' as const, actorId: actor }
          : { by: 'day' as const, day: day as string };
    return ok(
      await readAuditTrail(getContainer().deps, principal, params.orgId, selector, { limit, cursor }),
    );
  },
} satisfies Partial<RouteHandlers<'orgs'>>;
