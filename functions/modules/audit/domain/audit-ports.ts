import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type {
  ChainedRecord,
  ChainHead,
  ChainLink,
  ChainProblem,
  ChainRef,
  SealedRecord,
} from './audit-chain.js';

/** The hash chains of the audit trail (audit-chain.ts). */
export interface AuditChainStore {
  head(ref: ChainRef): Promise<ChainHead | undefined>;
  /**
   * Links `links` (in order, after `expected`) and moves the head to `next`, in one transaction:
   * false when the head is no longer `expected` or one of the records was linked meanwhile.
   */
  seal(
    ref: ChainRef,
    expected: ChainHead | undefined,
    links: readonly { record: ChainedRecord; link: ChainLink }[],
    next: ChainHead,
  ): Promise<boolean>;
  /** The ids among `records` already linked. */
  linked(records: readonly ChainedRecord[]): Promise<Set<string>>;
  /** Every record of a chain, with its link when it has one. */
  records(ref: ChainRef): Promise<SealedRecord[]>;
  /** The chains an organization has on a day (their heads). */
  chainsOf(orgId: string, day: string): Promise<ChainRef[]>;
}

/** One audited change, as its readers see it. */
export interface AuditEntry {
  recordId: string;
  at: string;
  actor: { type: string; id: string; role: string | null };
  action: string;
  requestId: string | null;
  target: { type: string; id: string };
  change: string;
  fields: string[];
  also: string[];
  details: Record<string, unknown> | null;
  /** The record's place in its hash chain, once sealed. */
  seq: number | null;
}

/** What a trail read selects: exactly one of a target, an actor or a UTC day. */
export type AuditSelector =
  | { by: 'target'; targetType: string; targetId: string }
  | { by: 'actor'; actorId: string }
  | { by: 'day'; day: string };

export interface AuditTrailReads {
  /** Newest first for a target or an actor; in time order for a day. */
  list(orgId: string, selector: AuditSelector, page: PageRequest): Promise<Page<AuditEntry>>;
}

/** Where a check that found a chain broken says so (a log line per problem and the alarm's metric). */
export interface AuditAlarm {
  problemsFound(problems: readonly ChainProblem[]): void;
}
