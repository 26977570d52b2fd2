/**
 * `npx tsx scripts/cpuprofile-summary.ts <file.cpuprofile> [--per=N] [--top=N] [--json]`: where a
 * V8 CPU profile's time went (e.g. one written by `node --cpu-prof`, or by
 * `npm run bench:handler -- --cpu-prof-out=<file>`), by module and by function, divided by `--per`
 * (the units of work the profile covers, e.g. bookings; default 1).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CpuProfile, type ProfileEntry, summarizeProfile } from './handler-load/cpu-profile.js';
import { fail } from './local/cli.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    per: { type: 'string', default: '1' },
    top: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
  },
});

const file =
  positionals[0] ?? fail('usage: cpuprofile-summary <file.cpuprofile> [--per=N] [--top=N] [--json]', 2);
const per = Number(values.per);
const top = Number(values.top);
if (!(per > 0) || !Number.isInteger(top) || top < 1)
  fail('--per must be positive, --top a positive integer', 2);

const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, per, top);

const table = (title: string, entries: readonly ProfileEntry[]): void => {
  console.log(`\n${title}`);
  for (const e of entries)
    console.log(`${e.ms.toFixed(3).padStart(9)} ms ${(e.share * 100).toFixed(1).padStart(5)} %  ${e.name}`);
};

if (values.json) console.log(JSON.stringify(summary, null, 2));
else {
  console.log(`${summary.samples} samples, ${summary.busyMs} ms busy per unit (idle left out)`);
  table('self time by module', summary.selfByModule);
  // Node's internals and V8's pseudo-frames sit under nearly every stack: their inclusive time says nothing.
  const telling = summary.inclusiveByModule.filter((e) => !/^(node:|\()/.test(e.name)).slice(0, top);
  table('inclusive time by module (npm packages and project folders)', telling);
  table('self time by function', summary.topFunctions);
}
