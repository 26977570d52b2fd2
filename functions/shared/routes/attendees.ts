import type { RouteDefinition } from './definition.js';

export const attendeeRoutes = [] as const satisfies readonly RouteDefinition[];
