import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Device, PushPlatform } from './device-model.js';
import type {
  ClaimRefusal,
  Notification,
  NotificationPreferences,
  NotificationRef,
  OutboundChannel,
} from './model.js';

/**
 * Ports of notification delivery and the outbox relay. The store keeps notifications where the
 * change that caused them wrote them (the outbox) and moves them through their delivery states
 * with conditional writes; the publisher hands outbox items to their queues; the channels send.
 */

/** An outbox item still `pending`, as the relay finds it. */
export interface PendingOutboxItem extends NotificationRef {
  kind: 'notification' | 'domain-event';
  type: string;
  /** When the sweep may hand it over (again). */
  dueAt: string;
  /** Hand-offs to a queue so far. */
  handoffs: number;
  /** A public domain event's JSON (the event itself), which the relay publishes to the bus. */
  payload?: string;
}

/** A claimed notification: the claim holds until `lease` (also its token: a later claim differs). */
export interface Claim {
  notification: Notification;
  lease: string;
}

export interface NotificationStore {
  /** The user's notifications across organizations, newest first. */
  listByUser(userId: string, page: PageRequest): Promise<Page<Notification>>;
  /** The notification with this id if it is addressed to `userId`; undefined otherwise. */
  getForUser(userId: string, notificationId: string): Promise<Notification | undefined>;
  /** Sets the read time unless one is set; answers the notification as stored. */
  markRead(ref: NotificationRef, at: string): Promise<Notification>;
  getPreferences(orgId: string, userId: string): Promise<NotificationPreferences | undefined>;
  /** What delivering a notification needs to know about its recipient, read at once. */
  deliveryContext(query: DeliveryContextQuery): Promise<DeliveryContext>;
  /** Deletes the user's preferences in the organization (an account's erasure); none is no error. */
  removePreferences(orgId: string, userId: string): Promise<void>;
  /**
   * Deletes up to `limit` notifications listed under the user, sent or not (an account's erasure:
   * their payloads may quote a host's message to them). True when more may be left.
   */
  removeOfUser(userId: string, limit: number): Promise<boolean>;
  putPreferences(
    orgId: string,
    userId: string,
    preferences: NotificationPreferences,
    at: string,
  ): Promise<void>;

  /**
   * Claims a notification for delivery: only while `pending`, not deferred past `now`, and not
   * claimed by a live lease; counts one attempt. The claimed message may come back until the
   * queue gives up on it, so the sweep leaves the item alone until `handAgainAt`. Anything else
   * is a refusal saying why.
   */
  claim(ref: NotificationRef, now: string, lease: string, handAgainAt: string): Promise<Claim | ClaimRefusal>;
  /** Records the channels sent so far (all of them), while the claim `lease` still holds. */
  recordSent(ref: NotificationRef, sent: readonly OutboundChannel[], lease: string): Promise<void>;
  /** pending -> sent with every channel sent, leaving the pending index: one write. */
  complete(ref: NotificationRef, lease: string, sent: readonly OutboundChannel[], at: string): Promise<void>;
  /**
   * Stays pending with the channels sent so far; no claim before `until` (quiet hours), when the
   * sweep hands it over again. The claim ends.
   */
  defer(ref: NotificationRef, until: string, lease: string, sent: readonly OutboundChannel[]): Promise<void>;
  /** A failed attempt: the claim ends, so the queue's redelivery of the message may try again. */
  release(ref: NotificationRef, error: string, lease: string): Promise<void>;
  /** pending -> failed after the last attempt, leaving the pending index. */
  fail(ref: NotificationRef, error: string, lease: string): Promise<void>;

  /** Pending items of every organization due at or before `dueBy`, earliest first. */
  listPending(dueBy: string, limit: number): Promise<PendingOutboxItem[]>;
  /**
   * Records one more hand-off of a notification the sweep found due, and when it may be handed
   * again. Conditional on the item being as the sweep read it: false when another sweep or a
   * consumer moved it meanwhile (then it is not handed).
   */
  recordHandoff(item: PendingOutboxItem, handAgainAt: string): Promise<boolean>;
  /** The hand-off just recorded did not reach the queue: the sweep may hand the item at `now`. */
  handoffFailed(ref: NotificationRef, now: string): Promise<void>;
  /**
   * The commit time of the oldest notification still waiting for delivery, as the heads of the
   * pending index show it (deferred ones aside); undefined when none waits.
   */
  oldestWaiting(now: string): Promise<string | undefined>;
  /** A relayed domain event: pending -> consumed; false if it was no longer pending. */
  markConsumed(ref: NotificationRef): Promise<boolean>;
}

/** Hands outbox items to their queues. Sending one twice is harmless: consumers are idempotent. */
export interface OutboxPublisher {
  /** Onto the notifications queue. */
  publishNotification(ref: NotificationRef): Promise<void>;
  /** Onto the holds queue, for the waitlist's offer engine. */
  publishCapacityReleased(session: { orgId: string; sessionId: string }): Promise<void>;
}

/** The channels sent to an address of the recipient's; push goes to their devices (PushEndpoints). */
export type AddressedChannel = Exclude<OutboundChannel, 'push'>;

/** One message on one channel, rendered and addressed. */
export interface OutgoingMessage {
  channel: AddressedChannel;
  /** An email address or an E.164 phone number. */
  to: string;
  subject: string;
  text: string;
  notification: Notification;
}

/**
 * The channel adapters behind one port. `unsupported`: this deployment cannot send on that
 * channel; the notification is complete without it.
 */
export interface NotificationChannels {
  send(message: OutgoingMessage): Promise<'sent' | 'unsupported'>;
}

/** One push, rendered, for one of the recipient user's devices. */
export interface PushMessage {
  subject: string;
  text: string;
  notification: Notification;
}

/**
 * The users' push devices: one item per device id, moved to whoever registers its token last.
 * Every write is conditional, so a retried or concurrent registration never loses a move.
 */
export interface DeviceStore {
  get(deviceId: string): Promise<Device | undefined>;
  /** The user's devices, oldest registration first. */
  listByUser(userId: string, page: PageRequest): Promise<Page<Device>>;
  /**
   * Writes the device if it is still as read: `previous` the item read (its user and endpoint),
   * or undefined for one that must not exist yet. False when it changed meanwhile.
   */
  put(device: Device, previous: Device | undefined): Promise<boolean>;
  /** Removes the device while it still belongs to `device.userId` with that endpoint; false otherwise. */
  remove(device: Device): Promise<boolean>;
}

/**
 * The platform endpoints push goes through: SNS mobile push on the tenant's platform applications,
 * or locally the delivery log.
 */
export interface PushEndpoints {
  /** Whether the tenant has a platform application for `platform` (tenant config `notifications.push`). */
  configured(platform: PushPlatform): boolean;
  /**
   * The endpoint of a device token on the platform's application, enabled: the same one again for
   * the same token (creating it is idempotent). Answers `invalid-token` when the platform refuses it.
   */
  create(platform: PushPlatform, token: string, deviceId: string): Promise<string | 'invalid-token'>;
  /** Deletes the endpoint; deleting one that is gone is no error. */
  remove(endpointId: string): Promise<void>;
  /** One push to one device; `gone` when its endpoint is disabled or no longer exists. */
  publish(device: Device, message: PushMessage): Promise<'sent' | 'gone'>;
}

export interface DeliveryContextQuery {
  orgId: string;
  sessionId: string;
  /** `user`: a member or speaker known by their user id alone (contact from the member record). */
  recipient: { kind: 'attendee' | 'party' | 'user'; id: string };
  userId: string | null;
}

export interface DeliveryContext {
  /** The recipient user's choice in the organization; undefined: none made. */
  preferences: NotificationPreferences | undefined;
  /** The attendee's, or the party leader's. */
  contact: RecipientContact;
  /** The session's (its venue's) time zone; undefined once the session is gone. */
  timeZone: string | undefined;
}

/** Who a notification goes to, as the attendee records know them. */
export interface RecipientContact {
  email: string | null;
  phone: string | null;
}
