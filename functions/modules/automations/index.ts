/** The automations module's entry: an organization's automation workflows and their runs (docs/automations.md). */
export type { Workflow, WorkflowRun } from './domain/model.js';
