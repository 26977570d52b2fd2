import type { Drafter } from '../domain/ports.js';
import { templateDraft } from '../domain/template-drafter.js';

/** The default drafter: deterministic templates over the event's facts and the prompt. */
export const templateDrafter = (): Drafter => ({
  provider: 'template',
  draft: async (request) => templateDraft(request),
});
