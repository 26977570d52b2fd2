import { pageOf } from '../contracts/common.js';
import type { z } from '../contracts/zod.js';
import type { RouteDefinition } from './route-definition.js';

/** What the routes of one table have in common, typically `function`, `auth` and `tag`. */
type Shared = Partial<RouteDefinition>;

/** One route of a group: the fields the group does not give, and any it gives that this route changes. */
type Entry<S extends Shared> = Omit<RouteDefinition, keyof S> & Partial<RouteDefinition>;

/** Refuses fields a route does not have, as `satisfies` does on a plain literal: a typo is no field. */
type NoExtra<T> = T & { [K in Exclude<keyof T, keyof RouteDefinition>]: never };

/** The route an entry stands for, written out: the entry's own fields over the group's. */
type Merged<S, E> = {
  [K in keyof S | keyof E]: K extends keyof E ? E[K] : K extends keyof S ? S[K] : never;
};

type Merge<S, E extends readonly unknown[]> = { readonly [I in keyof E]: Merged<S, E[I]> };

/**
 * A route table whose entries name only what is their own; `shared` gives the rest and an entry
 * may change it (a `Me` route among others, a public one). The result is the tuple of the merged
 * routes with every literal kept (`operationId`, `function`, `auth`, the zod schemas), so the
 * handler types derived from the manifest see each route as if it were written out.
 */
export const routeGroup = <const S extends Shared, const E extends readonly Entry<S>[]>(
  shared: NoExtra<S>,
  entries: E & { readonly [I in keyof E]: NoExtra<E[I]> },
): Merge<S, E> =>
  // `map` types its result as a plain array; the tuple above is what each element is.
  entries.map((entry) => ({ ...shared, ...entry })) as unknown as Merge<S, E>;

type Status = RouteDefinition['success']['status'];

/** A route's `success` in one line: status, description and, unless the answer is empty, its schema. */
export function reply<const S extends Status>(
  status: S,
  description: string,
): { status: S; description: string };
export function reply<const S extends Status, Z extends z.ZodType>(
  status: S,
  description: string,
  schema: Z,
): { status: S; description: string; schema: Z };
export function reply(status: Status, description: string, schema?: z.ZodType): RouteDefinition['success'] {
  return schema ? { status, description, schema } : { status, description };
}

const pages = new Map<string, { item: z.ZodType; page: z.ZodType }>();

/**
 * `success` of a list route: 200 with one page of `item`, the component `name` of the OpenAPI
 * document. Routes answering the same page share one schema; one name for two items is a mistake.
 */
export const replyPage = (description: string, item: z.ZodType, name: string) => {
  const known = pages.get(name) ?? { item, page: pageOf(item, name) };
  if (known.item !== item) throw new Error(`${name} is already the page of another schema`);
  pages.set(name, known);
  return reply(200, description, known.page);
};
