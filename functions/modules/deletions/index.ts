/**
 * The deletions module's public entry: what other modules may use. Everything else in the folder
 * is the module's own.
 */
export { deletionSchema } from './contracts/deletions.js';
export { purgeOrgEvents, purgeOrgSessions, purgeOrgSocialAccounts } from './domain/cascade.js';
export { requestDeletion } from './domain/deletions.js';
export type { Deletion } from './domain/model.js';
