import type { RouteDefinition } from './definition.js';

export const venueRoutes = [] as const satisfies readonly RouteDefinition[];
