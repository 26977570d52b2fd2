import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { specIssues } from './graph.js';
import type { TaskSpec, TaskTemplate } from './model.js';

/** An organization's task templates: named lists of task specs (docs/tasks.md, "Templates"). */

export interface TemplateInput {
  name: string;
  description?: string | null | undefined;
  specs: TaskSpec[];
}

type TemplateDeps = Pick<Deps, 'taskTemplates' | 'clock'> & AccessDeps;

const assertSpecs = (specs: readonly TaskSpec[]) => {
  const issues = specIssues(specs);
  if (issues.length > 0) throw validationFailed(issues);
};

export const createTaskTemplate = async (
  deps: TemplateDeps,
  principal: Principal,
  orgId: string,
  input: TemplateInput,
): Promise<TaskTemplate> => {
  await authorize(deps, orgId, principal, 'taskTemplate.manage');
  assertSpecs(input.specs);
  const now = deps.clock.now().toISOString();
  const template: TaskTemplate = {
    orgId,
    templateId: newId('ttp'),
    name: input.name,
    description: input.description ?? null,
    specs: input.specs,
    createdBy: principal.sub,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.taskTemplates.create(template);
  return template;
};

const existingTemplate = async (deps: Pick<Deps, 'taskTemplates'>, orgId: string, templateId: string) => {
  const template = await deps.taskTemplates.get(orgId, templateId);
  if (!template) throw notFound('task template');
  return template;
};

export const getTaskTemplate = async (
  deps: TemplateDeps,
  principal: Principal,
  orgId: string,
  templateId: string,
): Promise<TaskTemplate> => {
  await authorize(deps, orgId, principal, 'taskTemplate.manage');
  return existingTemplate(deps, orgId, templateId);
};

export const listTaskTemplates = async (
  deps: TemplateDeps,
  principal: Principal,
  orgId: string,
  page: PageRequest,
): Promise<Page<TaskTemplate>> => {
  await authorize(deps, orgId, principal, 'taskTemplate.manage');
  return deps.taskTemplates.list(orgId, page);
};

/**
 * Replaces the template's name, description and specs. Tasks generated from it before keep what
 * they were given; generating again adds the tasks of new spec keys only.
 */
export const replaceTaskTemplate = async (
  deps: TemplateDeps,
  principal: Principal,
  orgId: string,
  templateId: string,
  input: TemplateInput,
): Promise<TaskTemplate> => {
  await authorize(deps, orgId, principal, 'taskTemplate.manage');
  assertSpecs(input.specs);
  for (let i = 0; i < 5; i++) {
    const before = await existingTemplate(deps, orgId, templateId);
    const after: TaskTemplate = {
      ...before,
      name: input.name,
      description: input.description ?? null,
      specs: input.specs,
      version: before.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    if (await deps.taskTemplates.save(before, after)) return after;
  }
  throw new DomainError('TEMPORARILY_UNAVAILABLE', 'the template kept changing; retry shortly');
};

export const deleteTaskTemplate = async (
  deps: TemplateDeps,
  principal: Principal,
  orgId: string,
  templateId: string,
): Promise<void> => {
  await authorize(deps, orgId, principal, 'taskTemplate.manage');
  if (!(await deps.taskTemplates.remove(orgId, templateId))) throw notFound('task template');
};
