/**
 * What a function's code names, read from its source files (test/infra/function-ports.test.ts
 * takes the files from the function's bundle): the entities its adapters touch and the ports its
 * use cases take. Both are read the way the code is written here, so they over-approximate (a
 * variable named like an entity counts) and never miss a use written in these forms:
 * `tx.booking`, `service.entities.booking`, `const { booking } = service.entities`,
 * `({ booking: b }) => ...` (a transaction's entities), `TxEntities['booking']`; and
 * `Pick<Deps, 'bookings' | ...>` (directly or through a named `...Deps` type), `deps.clock`.
 */

const withoutComments = (source: string): string =>
  source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** String contents blanked (quotes kept): a word in a message or a key template is no use. */
const withoutStrings = (source: string): string =>
  source.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, (s) => `${s[0]}${s[0]}`);

/** The keys of an object pattern (`a, b: c, ...d` gives a, b). */
const patternKeys = (pattern: string): string[] =>
  pattern
    .split(',')
    .map((part) => /^\s*(\w+)/.exec(part)?.[1])
    .filter((k): k is string => k !== undefined);

/** The entity names among `names` that `source` touches, in any of the forms above. */
export const entitiesNamedIn = (source: string, names: readonly string[]): Set<string> => {
  const code = withoutComments(source);
  const found = new Set<string>();
  const known = new Set(names);
  const add = (word: string | undefined) => {
    if (word && known.has(word)) found.add(word);
  };
  for (const m of code.matchAll(/\[\s*'(\w+)'\s*\]/g)) add(m[1]);
  const bare = withoutStrings(code);
  for (const m of bare.matchAll(/\.\s*(\w+)/g)) add(m[1]);
  for (const m of bare.matchAll(/\{([^{}]*)\}\s*=\s*[\w.]*entities\b/g))
    for (const k of patternKeys(m[1] ?? '')) add(k);
  for (const m of bare.matchAll(/\(\s*\{([^{}]*)\}\s*(?::[^)]*)?\)\s*=>/g))
    for (const k of patternKeys(m[1] ?? '')) add(k);
  return found;
};

/** `type NameDeps = ...;` definitions, by name (a name defined twice keeps both bodies). */
export const depsAliases = (sources: Iterable<string>): Map<string, string> => {
  const aliases = new Map<string, string>();
  for (const source of sources) {
    for (const m of withoutComments(source).matchAll(/type\s+([A-Z]\w*Deps)\s*=\s*([^;]+);/g)) {
      const [, name = '', body = ''] = m;
      aliases.set(name, `${aliases.get(name) ?? ''} ${body}`);
    }
  }
  return aliases;
};

/** The port names among `ports` that `source` takes or reads, following `...Deps` aliases. */
export const portsNamedIn = (
  source: string,
  ports: readonly string[],
  aliases: ReadonlyMap<string, string>,
  seen: Set<string> = new Set(),
): Set<string> => {
  const code = withoutComments(source);
  const known = new Set(ports);
  const found = new Set<string>();
  for (const m of code.matchAll(/Pick<\s*Deps\s*,([^>]+)>/g))
    for (const q of (m[1] ?? '').matchAll(/'(\w+)'/g)) if (known.has(q[1] ?? '')) found.add(q[1] ?? '');
  for (const m of code.matchAll(/\bdeps\b\s*(?:\(\s*\))?\s*\.\s*(\w+)/g))
    if (known.has(m[1] ?? '')) found.add(m[1] ?? '');
  for (const m of code.matchAll(/\b([A-Z]\w*Deps)\b/g)) {
    const alias = m[1] ?? '';
    const body = aliases.get(alias);
    if (body === undefined || seen.has(alias)) continue;
    seen.add(alias);
    for (const p of portsNamedIn(body, ports, aliases, seen)) found.add(p);
  }
  return found;
};
