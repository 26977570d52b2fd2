import { getContainer } from '../../../app/container.js';
import { ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { getWorkflowSecret } from '../domain/signing-secret.js';

export const automationSecretHandlers = {
  getAutomationSigningSecret: async ({ principal, params }) =>
    ok({ secret: await getWorkflowSecret(getContainer().deps, principal, params) }),
} satisfies Partial<RouteHandlers<'webhooks'>>;
