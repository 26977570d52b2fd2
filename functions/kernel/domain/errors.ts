/**
 * Typed domain errors. The HTTP layer maps each `code` to a status in one table
 * (functions/kernel/http/problem.ts); the domain never speaks HTTP.
 */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'LAST_OWNER'
  | 'ALREADY_MEMBER'
  | 'ORGANIZATION_DELETING'
  | 'VENUE_DELETING'
  | 'EVENT_DELETING'
  | 'SESSION_DELETING'
  | 'SESSION_OVERLAP'
  /** A speaker assigned to two overlapping sessions of an event; `details` names the other one. */
  | 'SPEAKER_DOUBLE_BOOKED'
  /** An expense approved or rejected by its own submitter. */
  | 'SELF_APPROVAL'
  /** An expense edited once approved, rejected or paid. */
  | 'EXPENSE_NOT_PENDING'
  /** A vendor contract's terms (vendor, category, amount, installments) changed once signed, paid or cancelled. */
  | 'CONTRACT_NOT_DRAFT'
  /** A contract made with an archived vendor. */
  | 'VENDOR_ARCHIVED'
  /** An announcement edited, sent, scheduled or cancelled once it is sending, sent or cancelled. */
  | 'ANNOUNCEMENT_NOT_EDITABLE'
  /** A task moved to done while tasks it depends on are not; `details.blockingTaskIds` names them. */
  | 'TASK_BLOCKED'
  /** A task deleted while other tasks depend on it; `details.dependentTaskIds` names them. */
  | 'TASK_HAS_DEPENDENTS'
  /** A dependency that would close a cycle of tasks; `details.cycle` names its tasks in order. */
  | 'DEPENDENCY_CYCLE'
  /** A done or cancelled task edited (its dependencies or due date). */
  | 'TASK_CLOSED'
  /** An agent asked for a draft while paused. */
  | 'AGENT_PAUSED'
  /** An agent asked for a draft that needs a tool it is not allowed; `details.missingTools` names it. */
  | 'AGENT_TOOL_NOT_ALLOWED'
  /** The tenant's drafter is the external model provider, which is not built (docs/agents.md). */
  | 'DRAFTER_NOT_CONFIGURED'
  /** A campaign made with a tracking code another campaign of the organization holds. */
  | 'TRACKING_CODE_TAKEN'
  /** A completed or cancelled campaign edited, or given a post or agreement. */
  | 'CAMPAIGN_CLOSED'
  /** A post scheduled or cancelled once publishing, published or failed. */
  | 'POST_NOT_EDITABLE'
  | 'CAPACITY_IN_USE'
  | 'ROOM_IN_USE'
  | 'HAS_LIVE_BOOKINGS'
  | 'INVALID_TRANSITION'
  | 'INVITE_ALREADY_USED'
  | 'INVITE_EXPIRED'
  | 'INVITE_REVOKED'
  | 'INVITE_EMAIL_MISMATCH'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'VALIDATION_FAILED'
  | 'TEMPORARILY_UNAVAILABLE'
  | 'ATTENDEE_EXISTS'
  | 'ALREADY_IN_PARTY'
  | 'NOT_IN_PARTY'
  | 'PARTY_FULL'
  | 'PARTY_LEADER_REQUIRED'
  | 'CAPACITY_EXHAUSTED'
  | 'CATEGORY_SOLD_OUT'
  | 'CATEGORY_NOT_ON_SALE'
  | 'BOOKING_LIMIT'
  | 'SEAT_TAKEN'
  | 'NOT_BOOKABLE'
  | 'HOLD_EXPIRED'
  | 'CANCEL_CUTOFF_PASSED'
  | 'ALREADY_WAITLISTED'
  | 'NOTHING_TO_PAY'
  | 'NOTHING_TO_REFUND'
  | 'REFUND_REFUSED'
  | 'REFUND_REQUIRED'
  | 'PAYMENT_IN_PROGRESS'
  | 'WEBHOOK_SIGNATURE_INVALID'
  | 'PROMO_CODE_EXISTS'
  /** Live uses hold the promo code: it cannot be deleted, nor its `maxUses` set below them. */
  | 'PROMO_CODE_IN_USE'
  | 'PROMO_CODE_USED_UP'
  /** An approval event: book through an approved join request or an invite that skips approval. */
  | 'APPROVAL_REQUIRED'
  /** A guest rule of the event refuses the booking or request; `details.rule` names it. */
  | 'GUEST_RULE'
  | 'INVITE_USED_UP'
  | 'REQUEST_EXISTS'
  /** Feedback is given by attendees who were at the session (or event): admitted, or booked without check-in. */
  | 'FEEDBACK_NOT_ELIGIBLE'
  /** The attendee already gave feedback on this session (or event). */
  | 'FEEDBACK_EXISTS'
  /** Asked again too soon or too often; `details.retryAfterSeconds` says when it may be asked again. */
  | 'RATE_LIMITED'
  /** Networking: the pair of attendees has a connection already (pending, accepted, or declined by the other). */
  | 'CONNECTION_EXISTS'
  /** Networking: one of the pair blocked the other; nobody can ask again. */
  | 'CONNECTION_BLOCKED'
  /** Networking: only the attendee asked may accept or decline. */
  | 'NOT_CONNECTION_TARGET'
  /** Networking: the attendee holds no live (held or confirmed) booking of a session of the event. */
  | 'NOT_AT_EVENT'
  /** A device registered for a push platform this deployment has no platform application for. */
  | 'PUSH_NOT_CONFIGURED'
  /** Every slot of the sponsorship package is taken by a signed deal. */
  | 'PACKAGE_SOLD_OUT'
  /** The sponsorship package is retired: no new deal, no signing. */
  | 'PACKAGE_RETIRED'
  /** A package's quantity set below the deals already signed on it. */
  | 'QUANTITY_BELOW_SOLD'
  /** A deal's onboarding or activations changed while it is not signed and under way. */
  | 'DEAL_NOT_OPEN'
  /** A signed deal's amount or package changed: they are fixed at signing. */
  | 'DEAL_SIGNED'
  /** A deal moved to activations_delivered with steps or activations left; `details` counts them. */
  | 'DEAL_INCOMPLETE'
  /** Phone sign-in: the code is wrong, expired, used or out of tries (the answer never says which). */
  | 'SIGN_IN_REFUSED'
  /** A refresh token that is unknown, used (rotated), revoked or expired (the answer never says which). */
  | 'REFRESH_REFUSED'
  /** Phone sign-in on a deployment whose tenant signs in with its own OIDC provider. */
  | 'SIGN_IN_NOT_OFFERED';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** `cause`: the error this one explains (a logged 503 still shows the throttle behind it). */
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string): DomainError => new DomainError('NOT_FOUND', `${what} was not found`);

export const forbidden = (action: string): DomainError =>
  new DomainError('FORBIDDEN', `your role does not allow ${action}`, { action });

/** A status change its workflow does not allow: names where it may go from here. */
export const transitionRefused = <S extends string>(
  what: string,
  current: S,
  requested: S,
  allowed: readonly S[],
): DomainError =>
  new DomainError(
    'INVALID_TRANSITION',
    `the ${what} is ${current}: it can become ${allowed.join(' or ') || 'nothing else'}, not ${requested}`,
    { currentStatus: current, requestedStatus: requested, allowedStatuses: allowed },
  );

export interface FieldIssue {
  field: string;
  message: string;
}

export const validationFailed = (errors: FieldIssue[]): DomainError =>
  new DomainError('VALIDATION_FAILED', 'the request has invalid fields', { errors });
