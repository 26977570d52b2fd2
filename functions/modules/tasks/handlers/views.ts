import type { Task, TaskTemplate } from '../domain/model.js';

/** What a reader sees of a task or template: everything but its write version. */
export const taskView = ({ version: _v, ...t }: Task) => t;
export const taskTemplateView = ({ version: _v, ...t }: TaskTemplate) => t;
