import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** `prefix_` + 20 random base-36 characters (about 103 bits). */
export const newId = (
  prefix:
    | 'org'
    | 'inv'
    | 'ven'
    | 'room'
    | 'evt'
    | 'att'
    | 'pty'
    | 'ses'
    | 'ser'
    | 'bkg'
    | 'wle'
    | 'pay'
    | 'rfd'
    | 'chl'
    | 'cat'
    | 'evi'
    | 'jrq'
    | 'aud'
    | 'whs'
    | 'whk'
    | 'spk'
    | 'spn'
    | 'cnx'
    | 'fbk'
    | 'exp'
    | 'mat'
    | 'ann'
    | 'vnd'
    | 'vct'
    | 'vdoc'
    | 'tsk'
    | 'ttp'
    /** Sponsorship packages, deals, a deal's onboarding steps and activations. */
    | 'spp'
    | 'spd'
    | 'sps'
    | 'spa'
    /** Agents and their drafts. */
    | 'agt'
    | 'agd'
    /** Marketing: campaigns, posts, influencer agreements, their deliverables, social accounts. */
    | 'mkc'
    | 'mkp'
    | 'mki'
    | 'mkd'
    | 'soc'
    /** Automation workflows. */
    | 'awf'
    /** Profile pictures. */
    | 'pic',
): string => {
  let out = '';
  for (let i = 0; i < 20; i++) out += alphabet[randomInt(alphabet.length)];
  return `${prefix}_${out}`;
};

/**
 * `prefix_` + 20 base-36 characters derived from `parts` (SHA-256): the same parts always give
 * the same id, so an id can stand for a pair of things (a networking connection's two attendees,
 * a push device's platform and token, the sponsor a signed sponsorship deal creates,
 * the announcement a published agent draft creates, an automation's run of one event).
 */
export const derivedId = (
  prefix:
    | 'cnx'
    | 'dev'
    | 'tsk'
    | 'spn'
    | 'ann'
    | 'awr'
    /** A user's personal organization (discovery module, hosts). */
    | 'org',
  ...parts: string[]
): string => {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let out = '';
  for (let i = 0; i < 20; i++) out += alphabet[digest[i]! % alphabet.length];
  return `${prefix}_${out}`;
};

export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Secrets are 256-bit random, so a fast hash is enough; no need for a password KDF. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const sameHash = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
};
