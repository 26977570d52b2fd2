import type { DeliveryDeps } from '../../../kernel/domain/deps.js';
import { pushToUser } from './devices.js';
import { nextHandoffAt } from './handoff.js';
import {
  channelsToSend,
  type DeliveryOutcome,
  defaultPreferences,
  interruptingChannels,
  type Notification,
  type NotificationRef,
  type OutboundChannel,
  quietHoursEnd,
  renderNotification,
} from './model.js';
import type { RecipientContact } from './ports.js';

/**
 * Delivers one notification: claim it, send it on each chosen channel not sent yet (recording
 * each as it goes, so a redelivered message never sends twice what went out), then `sent`. SMS
 * and push wait out the recipient's quiet hours in the venue's time zone (the item stays pending
 * until they end); email and in-app never wait. A failing send ends the claim and throws, so the
 * queue delivers the message again; the last allowed attempt marks the item `failed`.
 */

export interface DeliveryOptions {
  /** Attempts before the item is `failed` (the queue's maxReceiveCount). */
  maxAttempts: number;
  /** How long a claim holds: longer than one delivery can take (the queue's visibility timeout). */
  leaseMs: number;
  /**
   * How often the queue has handed out this message (its receive count): at maxAttempts this is
   * the last receive before the DLQ, whatever the item counted (a duplicate message counts apart).
   */
  receiveCount?: number;
}

export class DeliveryFailedError extends Error {
  constructor(
    readonly ref: NotificationRef,
    readonly attempts: number,
    /** The item is now `failed`: no further attempt will be made. */
    readonly final: boolean,
    cause: unknown,
  ) {
    super(`delivery of ${ref.messageId} failed (attempt ${attempts}${final ? ', the last' : ''})`, { cause });
    this.name = 'DeliveryFailedError';
  }
}

/** A party's notifications reach its leader; recipients without a user take the defaults. */
const recipientOf = async (deps: DeliveryDeps, n: Notification) => {
  // `user#<id>`: a member or speaker without an attendee record (announcements).
  const recipient = n.recipientId.startsWith('user#')
    ? ({ kind: 'user', id: n.recipientId.slice('user#'.length) } as const)
    : ({ kind: n.recipientId.startsWith('pty_') ? 'party' : 'attendee', id: n.recipientId } as const);
  const context = await deps.notifications.deliveryContext({ ...n, recipient });
  const chosen = context.preferences ?? defaultPreferences;
  return {
    // An announcement goes out only on its own channels, and of those only on the recipient's.
    preferences: n.channels
      ? { ...chosen, channels: chosen.channels.filter((c) => n.channels?.includes(c)) }
      : chosen,
    contact: context.contact,
    // Quiet hours are the venue's: the session's, or the one the notification carries (an
    // announcement's event's); a session deleted meanwhile leaves UTC.
    timeZone: context.timeZone ?? n.timeZone ?? 'UTC',
  };
};

/** The email address, the phone number, or for push the user whose devices it goes to. */
const addressOf = (channel: OutboundChannel, contact: RecipientContact, n: Notification): string | null => {
  if (channel === 'email') return contact.email;
  if (channel === 'sms') return contact.phone;
  return n.userId;
};

/** Email and SMS to the address; push to each of the user's registered devices. */
const sendOn = (
  deps: DeliveryDeps,
  channel: OutboundChannel,
  to: string,
  message: { subject: string; text: string; notification: Notification },
): Promise<'sent' | 'unsupported'> =>
  channel === 'push' ? pushToUser(deps, to, message) : deps.channels.send({ channel, to, ...message });

const errorText = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Sends on each channel in turn. Each channel sent is recorded before the next one goes out (a
 * redelivered message never repeats it); the last one is recorded by the write that ends the
 * claim, so a notification on one channel costs a claim and one write.
 */
const sendAll = async (
  deps: DeliveryDeps,
  ref: NotificationRef,
  n: Notification,
  lease: string,
  send: { channels: OutboundChannel[]; contact: RecipientContact },
): Promise<OutboundChannel[]> => {
  const { subject, text } = renderNotification(n);
  const sent = [...n.sentChannels];
  for (const [i, channel] of send.channels.entries()) {
    if (i > 0 && sent.length > n.sentChannels.length) await deps.notifications.recordSent(ref, sent, lease);
    const to = addressOf(channel, send.contact, n) as string;
    const result = await sendOn(deps, channel, to, { subject, text, notification: n });
    if (result === 'sent') sent.push(channel);
  }
  return sent;
};

export const deliverNotification = async (
  deps: DeliveryDeps,
  ref: NotificationRef,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> => {
  const now = deps.clock.now();
  const lease = new Date(now.getTime() + options.leaseMs).toISOString();
  // Until the queue gives up on this message, it (not the sweep) brings the item back.
  const claim = await deps.notifications.claim(
    ref,
    now.toISOString(),
    lease,
    nextHandoffAt(now.getTime(), 1),
  );
  if (typeof claim === 'string') return { outcome: claim };
  const n = claim.notification;
  const waitedSeconds = Math.max(0, (now.getTime() - Date.parse(n.deferredUntil ?? n.at)) / 1000);
  try {
    const { preferences, contact, timeZone } = await recipientOf(deps, n);
    // A channel without an address (no phone on record) has nothing to send: it is skipped.
    const wanted = channelsToSend(preferences, n.sentChannels).filter((c) => addressOf(c, contact, n));
    const quietEnd = quietHoursEnd(now.getTime(), timeZone, preferences.quietHours);
    const deferred = quietEnd === null ? [] : wanted.filter((c) => interruptingChannels.includes(c));
    const channels = wanted.filter((c) => !deferred.includes(c));
    const sent = await sendAll(deps, ref, n, lease, { channels, contact });
    const done = { handoffs: n.handoffs, waitedSeconds };
    if (quietEnd !== null && deferred.length > 0) {
      await deps.notifications.defer(ref, new Date(quietEnd).toISOString(), lease, sent);
      return { outcome: 'deferred', ...done };
    }
    await deps.notifications.complete(ref, lease, sent, deps.clock.now().toISOString());
    return { outcome: 'sent', ...done };
  } catch (error) {
    const final = Math.max(n.attempts, options.receiveCount ?? 0) >= options.maxAttempts;
    if (final) await deps.notifications.fail(ref, errorText(error), lease);
    else await deps.notifications.release(ref, errorText(error), lease);
    throw new DeliveryFailedError(ref, n.attempts, final, error);
  }
};
