import { type RouteDefinition, routes } from '../../functions/app/routes.js';

/**
 * Matches a request against the route manifest the way API Gateway does: exact literal segments,
 * `{name}` captures one segment, the most specific (most literal segments) template wins.
 */

export type RouteMatch =
  | { kind: 'route'; route: RouteDefinition; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'none' };

interface CompiledRoute {
  route: RouteDefinition;
  segments: string[];
  literalCount: number;
}

const PARAM = /^\{(\w+)\}$/;

const compile = (route: RouteDefinition): CompiledRoute => {
  const segments = route.path.split('/').slice(1);
  return { route, segments, literalCount: segments.filter((s) => !PARAM.test(s)).length };
};

const compiled: CompiledRoute[] = (routes as readonly RouteDefinition[])
  .map(compile)
  .sort((a, b) => b.literalCount - a.literalCount);

const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The captured parameters when `path` fits the template, else undefined. */
const capture = (template: string[], path: string[]): Record<string, string> | undefined => {
  if (template.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of template.entries()) {
    const actual = path[i] ?? '';
    const name = PARAM.exec(part)?.[1];
    if (name) {
      if (actual === '') return undefined;
      params[name] = safeDecode(actual);
    } else if (part !== actual) return undefined;
  }
  return params;
};

export const matchRoute = (method: string, rawPath: string): RouteMatch => {
  const path = rawPath.split('/').slice(1);
  const fitting = compiled
    .map((c) => ({ c, params: capture(c.segments, path) }))
    .filter((m): m is { c: CompiledRoute; params: Record<string, string> } => m.params !== undefined);
  if (fitting.length === 0) return { kind: 'none' };
  // `fitting` is ordered most specific first, as API Gateway selects among route keys.
  const hit = fitting.find((m) => m.c.route.method === method);
  if (hit) return { kind: 'route', route: hit.c.route, pathParameters: hit.params };
  return { kind: 'method-not-allowed', allow: [...new Set(fitting.map((m) => m.c.route.method))] };
};
