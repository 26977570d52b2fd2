/**
 * AI agents of an organization (docs/agents.md): configurations that draft content for an event
 * through the drafter port, and the drafts they produce, which a person approves before anything
 * is published.
 */

export const agentPurposes = ['announcement_drafting', 'marketing_copy', 'event_assistant'] as const;
export type AgentPurpose = (typeof agentPurposes)[number];

export const agentTools = ['read_event', 'draft_announcement', 'draft_marketing_copy'] as const;
export type AgentTool = (typeof agentTools)[number];

export const agentStatuses = ['active', 'paused'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

export interface Agent {
  orgId: string;
  agentId: string;
  name: string;
  purpose: AgentPurpose;
  instructions: string;
  /** The tools it may use; a draft needing another is refused. */
  tools: AgentTool[];
  status: AgentStatus;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const draftKinds = ['announcement', 'marketing_copy'] as const;
export type DraftKind = (typeof draftKinds)[number];

export const draftStatuses = ['draft', 'approved', 'rejected', 'published'] as const;
export type DraftStatus = (typeof draftStatuses)[number];

/** One turn of the conversation a draft came from: the person's prompt, the agent's reply. */
export interface ConversationTurn {
  role: 'user' | 'agent';
  content: string;
  at: string;
}

export interface DraftOutput {
  title: string;
  body: string;
}

export interface AgentDraft {
  orgId: string;
  agentId: string;
  draftId: string;
  eventId: string;
  kind: DraftKind;
  prompt: string;
  output: DraftOutput;
  /** Which drafter wrote it (`template` by default). */
  provider: DrafterProvider;
  /** The prompt and the reply, kept as the conversation's record. */
  conversation: ConversationTurn[];
  status: DraftStatus;
  /** Who approved or rejected it (never the agent), and when. */
  decidedBy: string | null;
  decidedAt: string | null;
  publishedAt: string | null;
  /** The announcement draft its publishing created (announcements only). */
  announcementId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const drafterProviders = ['template', 'external'] as const;
export type DrafterProvider = (typeof drafterProviders)[number];

/** What a drafter is given: the event only when the agent may read it. */
export interface DraftRequest {
  kind: DraftKind;
  prompt: string;
  instructions: string;
  event: DraftEventFacts | null;
}

export interface DraftEventFacts {
  title: string;
  startsAt: string | null;
  endsAt: string | null;
  venueName: string | null;
}
