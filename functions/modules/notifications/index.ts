/**
 * The notifications module's public entry: what other modules may use. Everything else in the folder
 * is the module's own.
 */

export {
  type DomainEventRecord,
  domainEventPut,
  domainEventRecord,
} from './adapters/domain-event-records.js';
export type { LocalDeliveryLog } from './adapters/local-delivery-log.js';
export { notificationRecordPut } from './adapters/notification-record-item.js';
export {
  type NotificationRecord,
  notificationRecord,
  sessionCapacityReleased,
} from './adapters/notification-records.js';
export { capacityReleasedMessageSchema } from './contracts/capacity-released.js';
export type { DomainEventData, PublicDomainEvent } from './contracts/domain-events.js';
export { removeDevicesOf } from './domain/devices.js';
export { domainEventId, type PublicEventType } from './domain/domain-events.js';
export type { NotificationRef } from './domain/model.js';
export { notificationMessageId } from './domain/model.js';
