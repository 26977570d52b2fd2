import type { RouteDefinition } from './definition.js';

export const eventRoutes = [] as const satisfies readonly RouteDefinition[];
