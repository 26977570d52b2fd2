/** The agents module's entry: an organization's agents and the drafts they write (docs/agents.md). */
export type { Agent, AgentDraft } from './domain/model.js';
