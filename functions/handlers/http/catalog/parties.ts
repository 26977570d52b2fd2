import type { RouteHandlers } from '../../../shared/http/route-types.js';

export const partyHandlers = {} satisfies Partial<RouteHandlers<'catalog'>>;
