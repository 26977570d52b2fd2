import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Generated sections of a hand-kept document: each generator owns the text between
 * `<!-- name:start -->` and `<!-- name:end -->` and nothing else, so two benchmarks (and the
 * prose around their figures) share docs/performance.md without overwriting each other.
 */

const markers = (name: string) => ({ start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` });

/** The text with that section's body replaced; a section not there yet is appended at the end. */
export const replaceMarkedSection = (text: string, name: string, body: string): string => {
  const { start, end } = markers(name);
  const block = `${start}\n${body.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from === -1 || to === -1) return `${text.trimEnd()}${text.trim() ? '\n\n' : ''}${block}\n`;
  return `${text.slice(0, from)}${block}${text.slice(to + end.length)}`;
};

export const writeMarkedSection = (file: string, name: string, body: string): void => {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  writeFileSync(file, replaceMarkedSection(text, name, body));
};
