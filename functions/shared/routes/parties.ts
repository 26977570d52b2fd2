import type { RouteDefinition } from './definition.js';

export const partyRoutes = [] as const satisfies readonly RouteDefinition[];
