/**
 * The invitations module's public entry: what other modules may use. Everything else in the
 * folder is the module's own.
 */
export {
  requestListingWire,
  requestNotification,
  requestSummary,
  toEventPass,
  toJoinRequest,
} from './adapters/invitation-items.js';
export { decideRequestBody, joinRequestSchema, requestParams } from './contracts/requests.js';
export { assertMayBook, assertVisible, needsPass } from './domain/eligibility.js';
export { assertGuestRules, type Guest } from './domain/guest-rules.js';
export type { EventPass, JoinRequest, PassGrant } from './domain/model.js';
export { readRequest } from './domain/requests.js';
