import type { RouteHandlers } from '../../../shared/http/route-types.js';

export const venueHandlers = {} satisfies Partial<RouteHandlers<'catalog'>>;
