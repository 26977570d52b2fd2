import { DomainError } from '../../../kernel/domain/errors.js';
import type { Drafter } from '../domain/ports.js';

/**
 * The external model provider (tenant setting `agents.provider: external`). Not built: no
 * provider, credentials or network call exist, so it refuses every draft with 503 rather than
 * pretend. The template drafter is the default (docs/agents.md).
 */
export const externalDrafter = (): Drafter => ({
  provider: 'external',
  draft: async () => {
    throw new DomainError(
      'DRAFTER_NOT_CONFIGURED',
      'the external model provider is not configured for this tenant; use the template drafter',
    );
  },
});
