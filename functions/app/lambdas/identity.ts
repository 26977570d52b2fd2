import { routeFunction } from '../../kernel/http/route-function.js';
import { phoneSignInHandlers } from '../../modules/identity/handlers/phone-sign-in.js';
import { identityRoutes } from '../../modules/identity/routes.js';

/** The routes this function serves: its entries of the manifest (app/routes.ts). */
export const routes = identityRoutes;

/** Lambda for phone sign-in: the codes' start and verification (docs/identity.md). */
export const handler = routeFunction('identity', routes, phoneSignInHandlers);
