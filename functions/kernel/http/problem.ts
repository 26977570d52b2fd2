import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, type ErrorCode, type FieldIssue } from '../domain/errors.js';
import { isTransient } from '../dynamo/retry.js';

/** Errors the HTTP layer raises itself, before or around the domain. */
export type HttpErrorCode =
  | 'MALFORMED_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'ROUTE_NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'INTERNAL';

export class HttpProblem extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

type Code = ErrorCode | HttpErrorCode;

/** The one map from error codes to HTTP: status and a short, stable title. */
const problemTable: Record<Code, { status: number; title: string }> = {
  VALIDATION_FAILED: { status: 422, title: 'Validation failed' },
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON body' },
  UNAUTHORIZED: { status: 401, title: 'Authentication required' },
  SIGN_IN_REFUSED: { status: 401, title: 'Sign-in refused' },
  REFRESH_REFUSED: { status: 401, title: 'Refresh refused' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  SELF_APPROVAL: { status: 403, title: 'An expense is decided by someone other than its submitter' },
  INVITE_EMAIL_MISMATCH: { status: 403, title: 'Invite addressed to someone else' },
  APPROVAL_REQUIRED: { status: 403, title: 'Booking needs approval' },
  NOT_CONNECTION_TARGET: { status: 403, title: 'Only the attendee asked may answer' },
  NOT_AT_EVENT: { status: 403, title: 'Not an attendee of the event' },
  FEEDBACK_NOT_ELIGIBLE: { status: 403, title: 'Only attendees who were there give feedback' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  SIGN_IN_NOT_OFFERED: { status: 404, title: 'Phone sign-in is not offered here' },
  CONFLICT: { status: 409, title: 'Conflict' },
  LAST_OWNER: { status: 409, title: 'Last owner' },
  ALREADY_MEMBER: { status: 409, title: 'Already a member' },
  ORGANIZATION_DELETING: { status: 409, title: 'Organization is being deleted' },
  VENUE_DELETING: { status: 409, title: 'Venue is being deleted' },
  EVENT_DELETING: { status: 409, title: 'Event is being deleted' },
  SESSION_DELETING: { status: 409, title: 'Session is being deleted' },
  SESSION_OVERLAP: { status: 409, title: 'Overlaps another session in the room' },
  SPEAKER_DOUBLE_BOOKED: { status: 409, title: 'The speaker speaks in an overlapping session' },
  CAPACITY_IN_USE: { status: 409, title: 'Capacity below the seats held or confirmed' },
  ROOM_IN_USE: { status: 409, title: 'Room still has sessions' },
  HAS_LIVE_BOOKINGS: { status: 409, title: 'Live bookings would be lost' },
  INVALID_TRANSITION: { status: 409, title: 'Transition not allowed from the current state' },
  INVITE_ALREADY_USED: { status: 409, title: 'Invite already used' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: 'Request with this Idempotency-Key in progress' },
  ATTENDEE_EXISTS: { status: 409, title: 'Attendee already exists' },
  ALREADY_IN_PARTY: { status: 409, title: 'Attendee already in a party' },
  NOT_IN_PARTY: { status: 409, title: 'Attendee not in the party' },
  PARTY_FULL: { status: 409, title: 'Party full' },
  PARTY_LEADER_REQUIRED: { status: 409, title: 'Party needs a leader' },
  CAPACITY_EXHAUSTED: { status: 409, title: 'Not enough places left' },
  CATEGORY_SOLD_OUT: { status: 409, title: 'Not enough places left in this ticket category' },
  CATEGORY_NOT_ON_SALE: { status: 409, title: 'Ticket category not on sale' },
  BOOKING_LIMIT: { status: 409, title: 'Booking limit reached' },
  SEAT_TAKEN: { status: 409, title: 'Seat already taken' },
  NOT_BOOKABLE: { status: 409, title: 'Session not open for booking' },
  HOLD_EXPIRED: { status: 409, title: 'Hold expired' },
  CANCEL_CUTOFF_PASSED: { status: 409, title: 'Too late to cancel' },
  ALREADY_WAITLISTED: { status: 409, title: 'Already on the waitlist' },
  REQUEST_EXISTS: { status: 409, title: 'An open join request exists' },
  CONNECTION_EXISTS: { status: 409, title: 'The two attendees have a connection already' },
  CONNECTION_BLOCKED: { status: 409, title: 'Connection blocked' },
  FEEDBACK_EXISTS: { status: 409, title: 'Feedback already given' },
  PUSH_NOT_CONFIGURED: { status: 409, title: 'Push notifications are not configured for this platform' },
  NOTHING_TO_PAY: { status: 409, title: 'Nothing to pay' },
  NOTHING_TO_REFUND: { status: 409, title: 'Nothing to refund' },
  REFUND_REFUSED: { status: 409, title: 'Refund refused by the provider' },
  REFUND_REQUIRED: { status: 409, title: 'Paid: cancel by refunding' },
  PAYMENT_IN_PROGRESS: { status: 409, title: 'The attendee is paying for this booking' },
  PROMO_CODE_EXISTS: { status: 409, title: 'Promo code already exists' },
  PROMO_CODE_IN_USE: { status: 409, title: 'Promo code held by live bookings' },
  PROMO_CODE_USED_UP: { status: 409, title: 'Promo code used up' },
  EXPENSE_NOT_PENDING: { status: 409, title: 'Only a pending expense can be edited' },
  AGENT_PAUSED: { status: 409, title: 'The agent is paused' },
  AGENT_TOOL_NOT_ALLOWED: { status: 409, title: 'The agent may not use a tool the draft needs' },
  CONTRACT_NOT_DRAFT: { status: 409, title: "Only a draft contract's terms can be changed" },
  VENDOR_ARCHIVED: { status: 409, title: 'The vendor is archived' },
  TRACKING_CODE_TAKEN: { status: 409, title: 'Another campaign of the organization has this tracking code' },
  CAMPAIGN_CLOSED: { status: 409, title: 'The campaign is completed or cancelled' },
  POST_NOT_EDITABLE: { status: 409, title: 'The post is already publishing, published or failed' },
  ANNOUNCEMENT_NOT_EDITABLE: { status: 409, title: 'The announcement is already sending, sent or cancelled' },
  TASK_BLOCKED: { status: 409, title: 'Tasks it depends on are not done' },
  TASK_HAS_DEPENDENTS: { status: 409, title: 'Other tasks depend on this task' },
  DEPENDENCY_CYCLE: { status: 409, title: 'The dependency would close a cycle of tasks' },
  TASK_CLOSED: { status: 409, title: 'The task is done or cancelled' },
  PACKAGE_SOLD_OUT: { status: 409, title: 'Every slot of the sponsorship package is sold' },
  PACKAGE_RETIRED: { status: 409, title: 'The sponsorship package is retired' },
  QUANTITY_BELOW_SOLD: { status: 409, title: 'Quantity below the slots already sold' },
  DEAL_NOT_OPEN: { status: 409, title: 'The deal is not signed and under way' },
  DEAL_SIGNED: { status: 409, title: 'Fixed once the deal is signed' },
  DEAL_INCOMPLETE: { status: 409, title: 'Onboarding steps or activations are left' },
  WEBHOOK_SIGNATURE_INVALID: { status: 400, title: 'Webhook signature invalid' },
  INVITE_EXPIRED: { status: 410, title: 'Invite expired' },
  INVITE_USED_UP: { status: 410, title: 'Invite link used up' },
  INVITE_REVOKED: { status: 410, title: 'Invite revoked' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  GUEST_RULE: { status: 422, title: 'Refused by a guest rule of the event' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency-Key reused with another request' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  DRAFTER_NOT_CONFIGURED: { status: 503, title: 'The external drafter is not configured' },
  TEMPORARILY_UNAVAILABLE: { status: 503, title: 'Temporarily unavailable' },
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: Code;
  detail?: string;
  instance?: string;
  errors?: FieldIssue[];
  /** Machine-readable facts of a domain error, e.g. the current state a transition was refused in. */
  details?: Record<string, unknown>;
}

const retryAfterSeconds: Partial<Record<Code, string>> = {
  TEMPORARILY_UNAVAILABLE: '1',
  IDEMPOTENCY_IN_PROGRESS: '1',
};

export const problemResponse = (
  code: Code,
  detail: string,
  extra: {
    instance?: string;
    errors?: FieldIssue[];
    details?: Record<string, unknown>;
    headers?: Record<string, string>;
  } = {},
): APIGatewayProxyStructuredResultV2 => {
  const { status, title } = problemTable[code];
  const problem: Problem = {
    type: `https://evently.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title,
    status,
    code,
    detail,
    ...(extra.instance ? { instance: extra.instance } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.details ? { details: extra.details } : {}),
  };
  const retry = retryAfterSeconds[code];
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/problem+json',
      ...(retry ? { 'retry-after': retry } : {}),
      ...extra.headers,
    },
    body: JSON.stringify(problem),
  };
};

/** Expected errors become their problem; anything else is a generic 500 that reveals nothing. */
export const errorResponse = (err: unknown, instance: string): APIGatewayProxyStructuredResultV2 => {
  if (err instanceof DomainError) {
    const { errors, ...details } = err.details as { errors?: FieldIssue[] };
    // A refusal that knows when asking again can succeed (RATE_LIMITED) says so in Retry-After.
    const retryAfter = err.details.retryAfterSeconds;
    return problemResponse(err.code, err.message, {
      instance,
      ...(errors ? { errors } : {}),
      ...(Object.keys(details).length > 0 ? { details } : {}),
      ...(typeof retryAfter === 'number' ? { headers: { 'retry-after': String(retryAfter) } } : {}),
    });
  }
  if (err instanceof HttpProblem) return problemResponse(err.code, err.message, { instance });
  // A conflict or throttle that outlasted its retries: asking again shortly may well succeed.
  if (isTransient(err)) {
    return problemResponse('TEMPORARILY_UNAVAILABLE', 'the change collided with another one; retry shortly', {
      instance,
    });
  }
  return problemResponse('INTERNAL', 'An unexpected error occurred. It has been logged.', { instance });
};

export const isExpectedError = (err: unknown): boolean =>
  err instanceof DomainError || err instanceof HttpProblem;
