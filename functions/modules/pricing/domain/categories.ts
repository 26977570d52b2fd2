import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, type FieldIssue, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import { nextStamp } from '../../../kernel/domain/stamps.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { Event } from '../../catalog/index.js';
import { maxCategoriesPerEvent, type PriceStep, type TicketCategory } from './category-model.js';

export interface CategoryInput {
  name: string;
  description?: string | null | undefined;
  priceMinor: number;
  currency: string;
  quota?: number | null | undefined;
  salesStartAt?: string | null | undefined;
  salesEndAt?: string | null | undefined;
  visibility?: TicketCategory['visibility'] | undefined;
  minPerOrder?: number | undefined;
  maxPerOrder?: number | undefined;
  priceSteps?: PriceStep[] | undefined;
  sortOrder?: number | undefined;
}

export type CategoryChange = Partial<Omit<CategoryInput, 'currency'>>;

type CategoryDeps = Pick<Deps, 'categories' | 'clock' | 'events'> & AccessDeps;

/** The event, or NOT_FOUND; one being deleted takes no new categories. */
const eventOf = async (deps: Pick<Deps, 'events'>, orgId: string, eventId: string): Promise<Event> => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
  return event;
};

/**
 * A change of an event's categories is a change of the event: its version moves on, so a booking
 * priced on the categories as they were (a container's remembered read included) is refused by
 * its session's counter and priced again. The event carries how many it has, counted after the
 * change: a booking reads an event's categories only when it has some.
 */
const touchEvent = async (
  deps: Pick<Deps, 'categories' | 'clock' | 'events'>,
  read: Event,
): Promise<void> => {
  let event = read;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const categoryCount = (await deps.categories.listByEvent(event.orgId, event.eventId)).length;
      const updatedAt = nextStamp(event.updatedAt, deps.clock.now());
      await deps.events.replace(event, { ...event, categoryCount, updatedAt });
      return;
    } catch (err) {
      // Changed meanwhile (another category, an edit): its version moved on anyway; touch the new one.
      if (!(err instanceof DomainError && err.code === 'CONFLICT') || attempt >= 5) throw err;
      event = await eventOf(deps, event.orgId, event.eventId);
    }
  }
};

const writableEvent = async (deps: Pick<Deps, 'events'>, orgId: string, eventId: string) => {
  const event = await eventOf(deps, orgId, eventId);
  if (event.deleting) throw new DomainError('EVENT_DELETING', 'the event is being deleted');
  return event;
};

/** Rounds of read, check and write before a set of categories that keeps changing answers CONFLICT. */
const setAttempts = 5;

/**
 * Runs a change of the event's categories checked against all of them: the set's version is read
 * first, the event and the categories after it, so a change committed in between has moved the
 * version and `write` (which commits only at that version) answers undefined: read again.
 */
const againstTheSet = async <T>(
  deps: Pick<Deps, 'categories' | 'events'>,
  orgId: string,
  eventId: string,
  write: (event: Event, categories: readonly TicketCategory[], setVersion: number) => Promise<T | undefined>,
): Promise<T> => {
  for (let attempt = 1; attempt <= setAttempts; attempt++) {
    const setVersion = await deps.categories.setVersion(orgId, eventId);
    const [event, categories] = await Promise.all([
      writableEvent(deps, orgId, eventId),
      deps.categories.listByEvent(orgId, eventId),
    ]);
    const done = await write(event, categories, setVersion);
    if (done !== undefined) return done;
  }
  throw new DomainError('CONFLICT', "the event's categories keep changing; try again");
};

/**
 * The rules a category holds beside its contract: a sale window that ends after it starts, order
 * limits in order, steps that raise the price, and one currency per event (the event's, when it
 * has a price).
 */
const checkCategory = (c: TicketCategory, event: Event, others: readonly TicketCategory[]): void => {
  const issues: FieldIssue[] = [];
  if (c.salesStartAt && c.salesEndAt && c.salesEndAt <= c.salesStartAt) {
    issues.push({ field: 'salesEndAt', message: 'must be after salesStartAt' });
  }
  if (c.minPerOrder > c.maxPerOrder) {
    issues.push({ field: 'minPerOrder', message: 'must not exceed maxPerOrder' });
  }
  c.priceSteps.forEach((s, i) => {
    if (s.unitAmount < c.priceMinor) {
      issues.push({
        field: `priceSteps.${i}.unitAmount`,
        message: 'a step raises the price: at least priceMinor',
      });
    }
    if (s.kind === 'after_sold' && c.quota !== null && s.afterSold >= c.quota) {
      issues.push({ field: `priceSteps.${i}.afterSold`, message: 'must be below the quota' });
    }
  });
  const currency = event.price.kind === 'paid' ? event.price.currency : others[0]?.currency;
  if (currency && currency !== c.currency) {
    issues.push({ field: 'currency', message: `the event's categories are priced in ${currency}` });
  }
  if (others.some((o) => o.name.toLowerCase() === c.name.toLowerCase())) {
    issues.push({ field: 'name', message: 'another category of this event has this name' });
  }
  if (issues.length > 0) throw validationFailed(issues);
};

export const createCategory = async (
  deps: CategoryDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: CategoryInput,
): Promise<TicketCategory> => {
  await authorize(deps, orgId, principal, 'event.manage');
  const categoryId = newId('cat');
  const { event, category } = await againstTheSet(deps, orgId, eventId, async (event, others, setVersion) => {
    if (others.length >= maxCategoriesPerEvent) {
      throw new DomainError('CONFLICT', `an event has at most ${maxCategoriesPerEvent} ticket categories`);
    }
    const category = newCategory(event, others, categoryId, input, deps.clock.now().toISOString());
    checkCategory(category, event, others);
    return (await deps.categories.create(category, setVersion)) ? { event, category } : undefined;
  });
  await touchEvent(deps, event);
  return category;
};

const newCategory = (
  event: Event,
  others: readonly TicketCategory[],
  categoryId: string,
  input: CategoryInput,
  at: string,
): TicketCategory => ({
  orgId: event.orgId,
  eventId: event.eventId,
  categoryId,
  name: input.name,
  description: input.description ?? null,
  priceMinor: input.priceMinor,
  currency: input.currency,
  quota: input.quota ?? null,
  salesStartAt: input.salesStartAt ?? null,
  salesEndAt: input.salesEndAt ?? null,
  visibility: input.visibility ?? 'public',
  minPerOrder: input.minPerOrder ?? 1,
  maxPerOrder: input.maxPerOrder ?? event.settings.maxSeatsPerBooking,
  priceSteps: input.priceSteps ?? [],
  sortOrder: input.sortOrder ?? others.length,
  createdAt: at,
  updatedAt: at,
});

/** Staff see every category; the public list of an event is the booking side's (visible ones). */
export const listCategories = async (
  deps: Pick<Deps, 'categories' | 'events'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
): Promise<TicketCategory[]> => {
  await authorize(deps, orgId, principal, 'event.read');
  await eventOf(deps, orgId, eventId);
  return deps.categories.listByEvent(orgId, eventId);
};

const categoryOf = async (
  deps: Pick<Deps, 'categories'>,
  orgId: string,
  eventId: string,
  categoryId: string,
) => {
  const category = await deps.categories.get(orgId, eventId, categoryId);
  if (!category) throw notFound('category');
  return category;
};

export const getCategory = async (
  deps: Pick<Deps, 'categories'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  categoryId: string,
): Promise<TicketCategory> => {
  await authorize(deps, orgId, principal, 'event.read');
  return categoryOf(deps, orgId, eventId, categoryId);
};

/**
 * Changes a category. A new quota reaches each session's counter with its next booking (the
 * counter is brought to it before places are taken); places already taken stay taken, as a lower
 * session capacity keeps the bookings it has.
 */
export const updateCategory = async (
  deps: CategoryDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  categoryId: string,
  change: CategoryChange,
): Promise<TicketCategory> => {
  await authorize(deps, orgId, principal, 'event.manage');
  const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
  const { event, next } = await againstTheSet(deps, orgId, eventId, async (event, all, setVersion) => {
    const current = all.find((c) => c.categoryId === categoryId);
    if (!current) throw notFound('category');
    const others = all.filter((c) => c.categoryId !== categoryId);
    const next: TicketCategory = { ...current, ...defined, updatedAt: deps.clock.now().toISOString() };
    checkCategory(next, event, others);
    return (await deps.categories.replace(current, next, setVersion)) ? { event, next } : undefined;
  });
  await touchEvent(deps, event);
  return next;
};

/**
 * Removes a category. Bookings made in it keep what they bought (a booking stores its categories'
 * names and prices); sessions' counters of it stay until their session goes.
 */
export const deleteCategory = async (
  deps: CategoryDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  categoryId: string,
): Promise<void> => {
  await authorize(deps, orgId, principal, 'event.manage');
  const event = await writableEvent(deps, orgId, eventId);
  await deps.categories.remove(await categoryOf(deps, orgId, eventId, categoryId));
  await touchEvent(deps, event);
};
