import { transitionRefused } from '../../../kernel/domain/errors.js';
import type { AgentTool, DraftKind, DraftStatus } from './model.js';

/** The tool a draft of each kind needs. */
export const toolForKind: Record<DraftKind, AgentTool> = {
  announcement: 'draft_announcement',
  marketing_copy: 'draft_marketing_copy',
};

/** The tools a draft of `kind` needs that the agent lacks (empty: it may draft it). */
export const missingTools = (tools: readonly AgentTool[], kind: DraftKind): AgentTool[] =>
  tools.includes(toolForKind[kind]) ? [] : [toolForKind[kind]];

/** Where a draft may go: a person decides, and only an approved draft is published. */
export const draftTransitions: Record<DraftStatus, readonly DraftStatus[]> = {
  draft: ['approved', 'rejected'],
  approved: ['published'],
  rejected: [],
  published: [],
};

/** Throws INVALID_TRANSITION unless `from -> to` is allowed. */
export const mustMoveDraft = (from: DraftStatus, to: DraftStatus): void => {
  if (!draftTransitions[from].includes(to))
    throw transitionRefused('draft', from, to, draftTransitions[from]);
};
