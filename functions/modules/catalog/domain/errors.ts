import { DomainError, transitionRefused } from '../../../kernel/domain/errors.js';
import type { EventStatus } from './model.js';

export const venueDeleting = (): DomainError =>
  new DomainError('VENUE_DELETING', 'the venue is being deleted');

export const eventDeleting = (): DomainError =>
  new DomainError('EVENT_DELETING', 'the event is being deleted');

export const invalidTransition = (
  currentStatus: EventStatus,
  requestedStatus: EventStatus,
  allowedStatuses: readonly EventStatus[],
): DomainError => transitionRefused('event', currentStatus, requestedStatus, allowedStatuses);
