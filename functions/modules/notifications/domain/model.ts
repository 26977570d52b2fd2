import { addDays, type LocalDateTime, localToUtc, utcToLocal } from '../../../kernel/domain/time/zoned.js';

/**
 * Notifications as recipients see them: outbox items of kind `notification`. Each one is stored
 * once (which is also its in-app form) and sent out on the channels its recipient chose.
 */

export type NotificationChannel = 'email' | 'sms' | 'push' | 'in_app';
/** The channels that send something out; `in_app` is the stored item itself. */
export type OutboundChannel = Exclude<NotificationChannel, 'in_app'>;
export const notificationChannels: readonly NotificationChannel[] = ['email', 'sms', 'push', 'in_app'];

export type NotificationStatus = 'pending' | 'sent' | 'failed';

/** Where a notification lives: its session's outbox partition, then commit time and message id. */
export interface NotificationRef {
  orgId: string;
  sessionId: string;
  at: string;
  messageId: string;
}

/** The messageId a notification of change `key` is stored under: known without reading the item. */
export const notificationMessageId = (key: string): string => `notify#${key}`;

export interface Notification extends NotificationRef {
  /** Addresses it from the user's side (GET /v1/me/notifications, POST .../read). */
  notificationId: string;
  type: string;
  recipientId: string;
  userId: string | null;
  status: NotificationStatus;
  attempts: number;
  /** Times it was handed to the notifications queue (the first right after its commit). */
  handoffs: number;
  /** Held back by quiet hours until then; null when never deferred. */
  deferredUntil: string | null;
  sentChannels: OutboundChannel[];
  /** The only channels it may go out on (an announcement's), within the recipient's choice; null: any. */
  channels: NotificationChannel[] | null;
  /** The zone of its quiet hours when it has no session to read it from (an announcement's); null: the session's. */
  timeZone: string | null;
  payload: Record<string, unknown>;
  readAt: string | null;
}

/** `HH:MM`, wall-clock time at the venue. */
export interface QuietHours {
  start: string;
  end: string;
}

export interface NotificationPreferences {
  channels: NotificationChannel[];
  quietHours: QuietHours | null;
}

export const defaultPreferences: NotificationPreferences = {
  channels: ['email', 'in_app'],
  quietHours: null,
};

/** The channels quiet hours hold back: they interrupt (a phone buzzing at night). */
export const interruptingChannels: readonly OutboundChannel[] = ['sms', 'push'];

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The first instant at or after the local wall time `end` on `date` (a DST gap moves it on). */
const instantOf = (date: Pick<LocalDateTime, 'year' | 'month' | 'day'>, end: number, timeZone: string) => {
  for (let shift = 0; shift <= 120; shift += 30) {
    const total = end + shift;
    const local = { ...date, hour: Math.floor(total / 60) % 24, minute: total % 60, second: 0 };
    const resolved = localToUtc(local, timeZone);
    if (resolved.kind === 'ok') return resolved.utcMs;
  }
  throw new Error(`no instant for ${end} minutes on ${JSON.stringify(date)} in ${timeZone}`);
};

/**
 * When the quiet hours around `nowMs` end, or null when `nowMs` is outside them. Hours whose
 * start is after their end span midnight (22:00-07:00); equal start and end mean none.
 */
export const quietHoursEnd = (nowMs: number, timeZone: string, quiet: QuietHours | null): number | null => {
  if (!quiet) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const local = utcToLocal(nowMs, timeZone);
  const today = { year: local.year, month: local.month, day: local.day };
  const now = local.hour * 60 + local.minute;
  if (start < end) return now >= start && now < end ? instantOf(today, end, timeZone) : null;
  if (now >= start) return instantOf(addDays(today, 1), end, timeZone);
  return now < end ? instantOf(today, end, timeZone) : null;
};

/** The outbound channels a notification should go out on, given what was already sent. */
export const channelsToSend = (
  preferences: NotificationPreferences,
  sent: readonly OutboundChannel[],
): OutboundChannel[] =>
  preferences.channels.filter((c): c is OutboundChannel => c !== 'in_app' && !sent.includes(c));

const titles: Record<string, string> = {
  'booking.held': 'Seats are held for you',
  'booking.confirmed': 'Your booking is confirmed',
  'booking.cancelled': 'Your booking was cancelled',
  'booking.expired': 'Your hold has expired',
  'booking.hold_expiring': 'Your held seats are about to be released',
  'waitlist.offer_expiring': 'Your waitlist offer is about to expire',
  'session.cancelled': 'A session you booked was cancelled',
  'booking.refunded': 'Your booking was refunded',
  'payment.refunded': 'Your payment was refunded',
  'payment.charged_back': 'Your payment was charged back',
  'checkin.otp': 'Your check-in code',
};

/** Subject and plain text of a notification (one wording for every channel; templates come later). */
export const renderNotification = (n: Pick<Notification, 'type' | 'payload'>) => {
  // A notification that brings its own subject (an announcement's title) is shown under it.
  const own = typeof n.payload.subject === 'string' ? n.payload.subject : undefined;
  const subject = own ?? titles[n.type] ?? n.type.replace('.', ': ').replaceAll('_', ' ');
  const facts = Object.entries(n.payload)
    .filter(([k, v]) => k !== 'subject' && v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`);
  return { subject, text: [subject, ...facts].join('\n') };
};

/** Why a claim was refused; the consumer acknowledges the message in every case. */
export type ClaimRefusal = 'missing' | 'done' | 'busy' | 'not-due';

/** What delivering one notification came to (the delivery use case's answer, read by metrics). */
export type DeliveryOutcome =
  | {
      outcome: 'sent' | 'deferred';
      /** Hand-offs of the item to the queue, this one included. */
      handoffs: number;
      /** Seconds from when it became deliverable (its commit, or the end of quiet hours) to now. */
      waitedSeconds: number;
    }
  | { outcome: ClaimRefusal };

/** What one sweep of the outbox found and did (the sweep's answer, read by metrics). */
export interface OutboxSweepResult {
  /** Due items found. */
  found: number;
  relayed: number;
  /** Found due but moved by someone else between the read and the hand-off. */
  skipped: number;
  /** Seconds since the oldest notification still waiting for delivery was committed (0: none). */
  oldestWaitingSeconds: number;
  /** The sweep stopped early to finish inside its function's time. */
  outOfTime: boolean;
}
