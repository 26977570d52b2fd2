import type { RouteHandlers } from '../../../shared/http/route-types.js';

export const attendeeHandlers = {} satisfies Partial<RouteHandlers<'catalog'>>;
