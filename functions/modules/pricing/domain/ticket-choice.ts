import { DomainError, type FieldIssue, validationFailed } from '../../../kernel/domain/errors.js';
import type { CategoryCount, TicketCategory } from './category-model.js';
import { unitPriceOf } from './price-steps.js';

/** What a booking asks for: `seats` places of a category. */
export interface TicketRequest {
  categoryId: string;
  seats: number;
}

/**
 * One category of a booking, priced. `soldFrom`..`soldTo` is the range of the category's places
 * already taken in the session over which this price holds: the booking's take is conditional on
 * it, so a booking never pays a step's old price once the step is reached.
 */
export interface ChosenTicket {
  category: TicketCategory;
  seats: number;
  unitAmount: number;
  soldFrom: number;
  soldTo: number | null;
}

/** What a booking stores of each category it bought: enough to price it and to give places back. */
export interface BookingTicket {
  categoryId: string;
  name: string;
  seats: number;
  unitAmount: number;
  /** The category's currency (one per event). */
  currency: string;
}

export const bookingTicketOf = (t: ChosenTicket): BookingTicket => ({
  categoryId: t.category.categoryId,
  name: t.category.name,
  seats: t.seats,
  unitAmount: t.unitAmount,
  currency: t.category.currency,
});

/**
 * The unit price of a category once `sold` of its places are taken, at `at`, and the range of
 * `sold` over which it holds: from the last `after_sold` step reached to just before the next.
 */
const pricedAt = (category: TicketCategory, sold: number, at: string) => {
  const { unitAmount, untilNextStep } = unitPriceOf(category.priceMinor, category.priceSteps, { sold, at });
  const reachedAt = category.priceSteps.map((s) =>
    s.kind === 'after_sold' && s.afterSold <= sold ? s.afterSold : 0,
  );
  return {
    unitAmount,
    soldFrom: Math.max(0, ...reachedAt),
    soldTo: untilNextStep === null ? null : sold + untilNextStep - 1,
  };
};

export interface TicketChoiceInput {
  categories: readonly TicketCategory[];
  /** As asked; absent: the booking's `seats` in the event's only public category on sale. */
  requested: readonly TicketRequest[] | undefined;
  seats: number;
  counts: ReadonlyMap<string, CategoryCount>;
  /** Hidden categories the holder may buy (an invite unlocked them); staff see every one. */
  unlocked: ReadonlySet<string>;
  staff: boolean;
  at: string;
}

const onSale = (c: TicketCategory, at: string): boolean =>
  (c.salesStartAt === null || c.salesStartAt <= at) && (c.salesEndAt === null || at < c.salesEndAt);

/** A price a buyer can pay: minor units of `currency`. */
export interface PriceNow {
  priceMinor: number;
  currency: string;
}

/**
 * The cheapest ticket anyone may choose at `at`: of the public categories on sale then, the least
 * price of a first place (its date steps reached by `at` applied; steps after N sold depend on
 * each session and are not). None when no public category is on sale.
 */
export const cheapestOnSale = (categories: readonly TicketCategory[], at: string): PriceNow | undefined =>
  categories
    .filter((c) => c.visibility === 'public' && onSale(c, at))
    .map((c) => ({
      priceMinor: unitPriceOf(c.priceMinor, c.priceSteps, { sold: 0, at }).unitAmount,
      currency: c.currency,
    }))
    .reduce<PriceNow | undefined>((min, p) => (min && min.priceMinor <= p.priceMinor ? min : p), undefined);

const notOnSale = (c: TicketCategory, at: string) =>
  new DomainError(
    'CATEGORY_NOT_ON_SALE',
    c.salesStartAt !== null && at < c.salesStartAt
      ? `${c.name} is on sale from ${c.salesStartAt}`
      : `${c.name} was on sale until ${c.salesEndAt}`,
    { categoryId: c.categoryId, salesStartAt: c.salesStartAt, salesEndAt: c.salesEndAt },
  );

/** The requests, or the one the booking's `seats` make when the event leaves no choice. */
const requestsOf = (
  input: TicketChoiceInput,
  visible: readonly TicketCategory[],
): readonly TicketRequest[] => {
  if (input.requested && input.requested.length > 0) return input.requested;
  const open = visible.filter((c) => c.visibility === 'public' && onSale(c, input.at));
  const only = open.length === 1 ? open[0] : undefined;
  if (!only) {
    throw validationFailed([
      { field: 'tickets', message: 'name the ticket categories to book (this event sells several)' },
    ]);
  }
  return [{ categoryId: only.categoryId, seats: input.seats }];
};

/**
 * The priced categories of a booking, checked: each a category of the event the holder may see
 * (hidden ones only when unlocked: others are answered as unknown), named once, on sale, within
 * its per-order limits and its quota as last read. An event without categories takes none.
 */
export const chooseTickets = (input: TicketChoiceInput): ChosenTicket[] => {
  if (input.categories.length === 0) {
    if (input.requested && input.requested.length > 0) {
      throw validationFailed([{ field: 'tickets', message: 'this event sells no ticket categories' }]);
    }
    return [];
  }
  const visible = input.categories.filter(
    (c) => input.staff || c.visibility === 'public' || input.unlocked.has(c.categoryId),
  );
  const requests = requestsOf(input, visible);
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const chosen: ChosenTicket[] = [];
  requests.forEach((r, i) => {
    const category = visible.find((c) => c.categoryId === r.categoryId);
    if (!category) {
      issues.push({ field: `tickets.${i}.categoryId`, message: 'is not a ticket category of this event' });
      return;
    }
    if (seen.has(r.categoryId)) {
      issues.push({ field: `tickets.${i}.categoryId`, message: 'names a category already named' });
      return;
    }
    seen.add(r.categoryId);
    if (r.seats < category.minPerOrder || r.seats > category.maxPerOrder) {
      issues.push({
        field: `tickets.${i}.seats`,
        message: `${category.name} is sold ${category.minPerOrder} to ${category.maxPerOrder} per booking`,
      });
      return;
    }
    const count = input.counts.get(r.categoryId);
    const sold = count?.taken ?? 0;
    chosen.push({ category, seats: r.seats, ...pricedAt(category, sold, input.at) });
  });
  if (issues.length > 0) throw validationFailed(issues);
  const total = chosen.reduce((n, t) => n + t.seats, 0);
  if (input.requested && input.requested.length > 0 && total !== input.seats) {
    throw validationFailed([
      { field: 'seats', message: `must equal the tickets' places (${total}) or be left out` },
    ]);
  }
  for (const t of chosen) {
    if (!input.staff && !onSale(t.category, input.at)) throw notOnSale(t.category, input.at);
  }
  return chosen;
};

/** The refusal of a category whose quota has fewer places left than asked. */
export const categorySoldOut = (
  category: Pick<TicketCategory, 'categoryId' | 'name'>,
  left: number,
  asked: number,
) =>
  new DomainError(
    'CATEGORY_SOLD_OUT',
    `${category.name} has ${Math.max(0, left)} places left; ${asked} asked`,
    {
      categoryId: category.categoryId,
      left: Math.max(0, left),
      asked,
    },
  );
