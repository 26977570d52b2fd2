import type { RouteHandlers } from '../../../shared/http/route-types.js';

export const eventHandlers = {} satisfies Partial<RouteHandlers<'catalog'>>;
