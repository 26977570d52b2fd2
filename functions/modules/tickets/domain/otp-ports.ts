import type { CheckinOtp, OtpKey } from './otp-model.js';

/** The notification that carries a fresh code to its attendee, written with the code. */
export interface OtpNotice {
  /** Stable per code: the outbox item's message id is derived from it. */
  key: string;
  type: string;
  recipientId: string;
  /** The attendee's linked user, who also sees it in-app; null when not linked. */
  userId: string | null;
  payload: Record<string, unknown>;
}

export interface CheckinOtpStore {
  get(key: OtpKey): Promise<CheckinOtp | undefined>;
  /**
   * Replaces the attendee's code with `next` and writes its notification, in one transaction,
   * only if the code is still `previous` (none: still absent). `moved`: another request came first.
   */
  issue(previous: CheckinOtp | undefined, next: CheckinOtp, notice: OtpNotice): Promise<'done' | 'moved'>;
  /**
   * Counts one try (`tryId`) against the code hashed `codeHash`, only while that code is unused,
   * unexpired at `now`, has tries left and this try is not the last one counted. False: not counted.
   */
  countTry(
    key: OtpKey,
    t: { codeHash: string; tryId: string; now: string; maxTries: number },
  ): Promise<boolean>;
  /** Marks the code used by the scan `nonce`, only if it is still that code, unused or used by that scan. */
  spend(key: OtpKey, s: { codeHash: string; nonce: string; at: string }): Promise<boolean>;
}
