import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { WorkflowRef } from './ports.js';
import { existingWorkflow } from './workflows.js';

/**
 * A workflow's webhook signing secret (docs/automations.md, "Actions"): derived from the tenant's
 * webhook key as a subscription's is, so nothing is stored, and only the function holding the key
 * (`webhooks`) computes it, for the webhook action and for this route.
 */
export const workflowSecret = (deps: Pick<Deps, 'webhookKeys'>, ref: WorkflowRef): Promise<string> =>
  deps.webhookKeys.secretOf({ orgId: ref.orgId, subscriptionId: ref.workflowId, keyId: 'automation' });

export const getWorkflowSecret = async (
  deps: Pick<Deps, 'automations' | 'webhookKeys'> & AccessDeps,
  principal: Principal,
  ref: WorkflowRef,
): Promise<string> => {
  await authorize(deps, ref.orgId, principal, 'automation.manage');
  await existingWorkflow(deps, ref);
  return workflowSecret(deps, ref);
};
