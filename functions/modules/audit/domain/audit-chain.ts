import { createHash } from 'node:crypto';

/**
 * The hash chains of the audit trail: tamper evidence. Records of one organization, UTC day and
 * chain (0..3, from the record id) are linked in the order the sealer meets them: each holds its
 * sequence number, the id and hash of the record before it, and its own hash, over its content
 * and that link. Editing a record changes its hash (or, if the hash is edited too, breaks the
 * next record's link); removing one leaves a gap in the sequence and a link to a record that is
 * not there; removing the last ones leaves the chain's head (which holds the last sequence number
 * and hash) ahead of the records.
 *
 * A chain starts from a hash of its own name, so chains need no lock between them: the writes of
 * a change never touch the chain (the sealer links records after their commit), and sealers of
 * different chains share no item.
 */

/** The content of a record, as its hash covers it: every attribute written with the change. */
export interface ChainedRecord {
  orgId: string;
  recordId: string;
  at: string;
  day: string;
  chain: string;
  actorType: string;
  actorId: string;
  actorRole?: string | undefined;
  action: string;
  requestId?: string | undefined;
  targetType: string;
  targetId: string;
  change: string;
  fields: readonly string[];
  also: readonly string[];
  details?: string | undefined;
  ttl: number;
}

export interface ChainLink {
  seq: number;
  prevId: string;
  prevHash: string;
  hash: string;
}

export interface SealedRecord extends ChainedRecord {
  /** Absent while the record waits for the sealer. */
  link?: ChainLink | undefined;
}

export interface ChainRef {
  orgId: string;
  day: string;
  chain: string;
}

/** The last link of a chain. */
export interface ChainHead {
  seq: number;
  lastId: string;
  hash: string;
}

const content = (r: ChainedRecord): string =>
  JSON.stringify([
    r.orgId,
    r.recordId,
    r.at,
    r.day,
    r.chain,
    r.actorType,
    r.actorId,
    r.actorRole ?? null,
    r.action,
    r.requestId ?? null,
    r.targetType,
    r.targetId,
    r.change,
    r.fields,
    r.also,
    r.details ?? null,
    r.ttl,
  ]);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The hash a chain starts from (the "previous hash" of its first record). */
export const genesisOf = (ref: ChainRef): ChainHead => ({
  seq: 0,
  lastId: '',
  hash: sha256(`evently-audit|${ref.orgId}|${ref.day}|${ref.chain}`),
});

export const linkHash = (record: ChainedRecord, seq: number, prevId: string, prevHash: string): string =>
  sha256(`${prevHash}\n${seq}\n${prevId}\n${content(record)}`);

/** Records in the order a sealer links them when it meets them together. */
export const sealingOrder = <R extends Pick<ChainedRecord, 'at' | 'recordId'>>(records: readonly R[]): R[] =>
  [...records].sort((a, b) => a.at.localeCompare(b.at) || a.recordId.localeCompare(b.recordId));

/** The links of `records` (in sealing order) after `head`, and the chain's new head. */
export const linkAfter = (
  head: ChainHead,
  records: readonly ChainedRecord[],
): { links: { record: ChainedRecord; link: ChainLink }[]; head: ChainHead } => {
  let last = head;
  const links = sealingOrder(records).map((record) => {
    const seq = last.seq + 1;
    const link = {
      seq,
      prevId: last.lastId,
      prevHash: last.hash,
      hash: linkHash(record, seq, last.lastId, last.hash),
    };
    last = { seq, lastId: record.recordId, hash: link.hash };
    return { record, link };
  });
  return { links, head: last };
};

export interface ChainProblem {
  chain: ChainRef;
  /** The record the problem is found at (or the one missing). */
  recordId: string;
  problem: 'edited' | 'removed' | 'unlinked' | 'unsealed' | 'head-mismatch';
  detail: string;
}

/**
 * Checks one chain: its records (any order) against its head. Records not yet sealed are a
 * problem only once older than `sealedBy` (the sealer links a record within seconds of its commit).
 */
export const verifyChain = (
  ref: ChainRef,
  records: readonly SealedRecord[],
  head: ChainHead | undefined,
  sealedBy: string,
): ChainProblem[] => {
  const problems: ChainProblem[] = [];
  const at = (recordId: string, problem: ChainProblem['problem'], detail: string) =>
    problems.push({ chain: ref, recordId, problem, detail });
  const sealed = records.filter((r) => r.link).sort((a, b) => (a.link?.seq ?? 0) - (b.link?.seq ?? 0));
  for (const r of records)
    if (!r.link && r.at < sealedBy)
      at(r.recordId, 'unsealed', `committed at ${r.at} and never linked into its chain`);
  let prev = genesisOf(ref);
  for (const r of sealed) {
    const link = r.link as ChainLink;
    if (link.seq !== prev.seq + 1) {
      const missing = link.prevId || "(the chain's first record)";
      at(
        missing,
        'removed',
        `records ${prev.seq + 1}..${link.seq - 1} are missing (the next one, ${r.recordId}, links to ${missing})`,
      );
    } else if (link.prevId !== prev.lastId || link.prevHash !== prev.hash) {
      at(
        prev.lastId || r.recordId,
        'unlinked',
        `record ${r.recordId} does not link to the record before it: one of the two was changed`,
      );
    }
    if (linkHash(r, link.seq, link.prevId, link.prevHash) !== link.hash)
      at(r.recordId, 'edited', `its content no longer matches its hash`);
    prev = { seq: link.seq, lastId: r.recordId, hash: link.hash };
  }
  if (head && (head.seq !== prev.seq || head.hash !== prev.hash)) {
    const after = prev.lastId ? `after ${prev.lastId}` : 'from the start';
    at(
      head.lastId,
      'head-mismatch',
      `the chain's head is at record ${head.seq} (${head.lastId}) but its records end at ${prev.seq}: records ${after} were removed or changed`,
    );
  }
  if (!head && sealed.length > 0)
    at(prev.lastId, 'head-mismatch', 'the chain has sealed records but no head');
  return problems;
};
