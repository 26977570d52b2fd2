import { validationFailed } from '../../../kernel/domain/errors.js';
import type { WebhookPolicy } from './model.js';

/**
 * Where outgoing calls may go (docs/webhooks.md, "Subscribe"): a webhook subscription's endpoint
 * and an automation's webhook action (docs/automations.md).
 */

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

const privateV4 = [
  /^10\./,
  /^127\./,
  /^0\./,
  /^169\.254\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];

/**
 * A host no endpoint may name: a private, loopback or link-local address written out (IPv4, or
 * IPv6 in brackets), or a name kept for local networks. A public name that resolves to a private
 * address is not caught here (no DNS lookup when saving): the functions run outside any VPC.
 */
export const isPrivateHost = (hostname: string): boolean => {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || /\.(localhost|local|internal)$/.test(host)) return true;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return privateV4.some((r) => r.test(host));
  if (!host.startsWith('[')) return false;
  const v6 = host.slice(1, -1);
  if (v6 === '::' || v6 === '::1') return true;
  // IPv4-mapped addresses (URL writes them in hex) are refused outright: a public one has no use here.
  return v6.startsWith('::ffff:') || /^(f[cd]|fe[89ab])/.test(v6);
};

/**
 * HTTPS only, to a public host; plain http only to this machine and only where the policy allows it (the local
 * runtime). No credentials in the URL: they would be stored and shown in clear.
 */
export const checkEndpointUrl = (url: string, policy: Pick<WebhookPolicy, 'allowLocalHttp'>): string => {
  const refuse = (message: string) => validationFailed([{ field: 'url', message }]);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse('must be an absolute URL');
  }
  if (parsed.username || parsed.password) throw refuse('must not carry a user name or password');
  if (policy.allowLocalHttp && localHosts.has(parsed.hostname) && /^https?:$/.test(parsed.protocol))
    return parsed.toString();
  if (parsed.protocol === 'https:') {
    if (isPrivateHost(parsed.hostname))
      throw refuse('must name a public host, not a private or local address');
    return parsed.toString();
  }
  throw refuse(
    policy.allowLocalHttp
      ? 'must be an https:// URL (or http://localhost / http://127.0.0.1 when running locally)'
      : 'must be an https:// URL',
  );
};
