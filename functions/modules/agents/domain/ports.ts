import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Agent, AgentDraft, DrafterProvider, DraftOutput, DraftRequest } from './model.js';

export interface DraftRef {
  orgId: string;
  agentId: string;
  draftId: string;
}

/** An organization's agents (one partition per organization) and each agent's drafts. */
export interface AgentStore {
  /** Puts a new agent while the organization is active (its cascade would miss a later one). */
  create(agent: Agent): Promise<void>;
  get(orgId: string, agentId: string): Promise<Agent | undefined>;
  list(orgId: string, page: PageRequest): Promise<Page<Agent>>;
  /** Writes `after` if the stored agent is still at `before.version`; false when it changed. */
  save(before: Agent, after: Agent): Promise<boolean>;
  /** Deletes up to `limit` agents of the organization; fewer means none is left. */
  purgeOrg(orgId: string, limit: number): Promise<number>;
  /** Puts a new draft while its event is not being deleted (EVENT_DELETING otherwise). */
  createDraft(draft: AgentDraft): Promise<void>;
  getDraft(ref: DraftRef): Promise<AgentDraft | undefined>;
  listDrafts(orgId: string, agentId: string, page: PageRequest): Promise<Page<AgentDraft>>;
  /** Writes `after` if the stored draft still has `before`'s status; false when another write came first. */
  saveDraft(before: AgentDraft, after: AgentDraft): Promise<boolean>;
  /** Deletes up to `limit` drafts (with their conversations) of the event; fewer means none is left. */
  purgeEventDrafts(orgId: string, eventId: string, limit: number): Promise<number>;
}

/** Writes a draft's content: the template drafter by default, an external model when configured. */
export interface Drafter {
  readonly provider: DrafterProvider;
  draft(request: DraftRequest): Promise<DraftOutput>;
}
