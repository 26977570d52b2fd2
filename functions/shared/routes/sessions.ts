import type { RouteDefinition } from './definition.js';

export const sessionRoutes = [] as const satisfies readonly RouteDefinition[];
