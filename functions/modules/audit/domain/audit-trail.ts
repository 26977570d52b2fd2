import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import type { AuditEntry, AuditSelector } from './audit-ports.js';

/** An organization's audit trail, for its owners and admins: by target, by actor or by day. */
export const readAuditTrail = async (
  deps: Pick<Deps, 'auditTrail'> & AccessDeps,
  principal: Principal,
  orgId: string,
  selector: AuditSelector,
  page: PageRequest,
): Promise<Page<AuditEntry>> => {
  await authorize(deps, orgId, principal, 'audit.read');
  return deps.auditTrail.list(orgId, selector, page);
};
