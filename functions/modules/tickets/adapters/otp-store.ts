import type { EntityItem } from 'electrodb';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { commitTransaction, unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import { notificationRecord } from '../../notifications/index.js';
import type { CheckinOtp } from '../domain/otp-model.js';
import type { CheckinOtpStore } from '../domain/otp-ports.js';
import type { checkinOtpEntity } from './entities/checkin-otp.js';

/** How long after its last code the item stays: past the hourly cap's window, so TTL never lifts it. */
const keepSeconds = 2 * 3600;

const toOtp = fromStored<CheckinOtp, EntityItem<typeof checkinOtpEntity>>({
  nullable: { lastTry: true, usedBy: true, usedAt: true },
  itemOnly: { ttl: true },
});

const toItem = (otp: CheckinOtp) => ({
  ...toStored(otp),
  ttl: Math.floor(Date.parse(otp.issuedAt) / 1000) + keepSeconds,
});

export const dynamoCheckinOtpStore = (service: EventlyService): CheckinOtpStore => {
  const { checkinOtp } = service.entities;
  return {
    async get(key) {
      const { data } = await checkinOtp.get(key).go({ consistent: true });
      return data ? toOtp(data) : undefined;
    },

    async issue(previous, next, notice) {
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'otp',
          write: previous
            ? tx.checkinOtp
                .put(toItem(next))
                .where((a, { eq }) => eq(a.issuedAt, previous.issuedAt))
                .commit()
            : tx.checkinOtp.create(toItem(next)).commit(),
          fails: 'refused',
        },
        {
          label: 'notification',
          write: notificationRecord(tx, {
            orgId: next.orgId,
            sessionId: next.sessionId,
            key: notice.key,
            at: next.issuedAt,
            type: notice.type,
            recipientId: notice.recipientId,
            userId: notice.userId,
            payload: notice.payload,
          }),
        },
      ]);
      return committed ? 'done' : 'moved';
    },

    countTry: (key, t) =>
      unlessConditionFails(
        checkinOtp
          .patch(key)
          .add({ tries: 1 })
          .set({ lastTry: t.tryId })
          .where(
            (a, { eq, gt, lt, ne, notExists }) =>
              `${eq(a.codeHash, t.codeHash)} AND ${notExists(a.usedBy)} AND ${gt(a.expiresAt, t.now)} AND ${lt(a.tries, t.maxTries)} AND (${notExists(a.lastTry)} OR ${ne(a.lastTry, t.tryId)})`,
          )
          .go(),
      ),

    spend: (key, s) =>
      unlessConditionFails(
        checkinOtp
          .patch(key)
          .set({ usedBy: s.nonce, usedAt: s.at })
          .where(
            (a, { eq, notExists }) =>
              `${eq(a.codeHash, s.codeHash)} AND (${notExists(a.usedBy)} OR ${eq(a.usedBy, s.nonce)})`,
          )
          .go(),
      ),
  };
};
