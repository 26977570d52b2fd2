import type { RouteHandlers } from '../../../shared/http/route-types.js';

export const sessionHandlers = {} satisfies Partial<RouteHandlers<'catalog'>>;
