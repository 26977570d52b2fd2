import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is changing what, for the audit record each change writes (kernel/audit/audited-writes.ts):
 * opened by the route function for a request, by the queue and stream functions for each record
 * of a background job. Writes made outside any scope (tests, scripts) write no record.
 */
export interface AuditActor {
  /** `anonymous`: a change its maker asked not to be known by (anonymous feedback). */
  type: 'user' | 'system' | 'provider' | 'anonymous';
  /** The user's subject, the job (`jobs`, `holds`, ...) or the payment provider. */
  id: string;
  /** The caller's role in the organization, once the membership gate has read it. */
  role?: string | undefined;
}

export interface AuditScope {
  actor: AuditActor;
  /** The route's operationId or the job's message type. */
  action: string;
  /** API Gateway's request id, or the queue message's id. */
  requestId: string;
  /**
   * A request is one change, whatever number of commits it takes: it writes one record, on its
   * first commit that touches `subject` (the id its path names last), or on its first commit when
   * the path names none; its other commits are steps of that change (marking an organization's
   * events before the organization, an event's count of categories after the category). A job's
   * record (`once` false) records every commit it makes.
   */
  once: boolean;
  subject?: string | undefined;
}

export interface OpenScope extends AuditScope {
  /** False inside `withoutAudit`: the writes there are steps of a change recorded by a later commit. */
  recording: boolean;
  /** Whether a commit of a `once` scope has written its record (shared with the scopes inside it). */
  state: { recorded: boolean };
  /** Inside `asTheChange`: the writes are the change, whatever kind of item they write. */
  anyKind?: boolean;
}

const storage = new AsyncLocalStorage<OpenScope>();

export const withAuditScope = <T>(scope: AuditScope, run: () => Promise<T>): Promise<T> =>
  storage.run({ ...scope, actor: { ...scope.actor }, recording: true, state: { recorded: false } }, run);

/** The scope a write runs in, unless it runs outside any or inside `withoutAudit`. */
export const recordingScope = (): OpenScope | undefined => {
  const scope = storage.getStore();
  return scope?.recording ? scope : undefined;
};

/**
 * Runs `run` without audit records: for writes that prepare a change whose own commit records it
 * (places taken before a booking's transaction, given back when it fails).
 */
export const withoutAudit = <T>(run: () => Promise<T>): Promise<T> => {
  const scope = storage.getStore();
  return scope ? storage.run({ ...scope, recording: false }, run) : run();
};

/**
 * Runs `run` as the request's change even where it writes bookkeeping only (a user marking a
 * notification read changes the outbox item, which jobs change without a record).
 */
export const asTheChange = <T>(run: () => Promise<T>): Promise<T> => {
  const scope = storage.getStore();
  return scope ? storage.run({ ...scope, anyKind: true }, run) : run();
};

/** The membership gate read the caller's role: their records name it. */
export const noteActorRole = (userId: string, role: string): void => {
  const scope = storage.getStore();
  if (scope && scope.actor.type === 'user' && scope.actor.id === userId) scope.actor.role = role;
};

/**
 * Runs `run` as a change of nobody in particular: its record names an `anonymous` actor, not the
 * caller (anonymous feedback, whose giver the organizers never learn, the audit trail included).
 */
export const asAnonymous = <T>(run: () => Promise<T>): Promise<T> => {
  const scope = storage.getStore();
  return scope ? storage.run({ ...scope, actor: { type: 'anonymous', id: 'anonymous' } }, run) : run();
};
