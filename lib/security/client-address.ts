/**
 * Who the client is, for the rate limits: the TCP peer of the connection, unless that peer is one
 * of the reverse proxies the deployment trusts (`TRUSTED_PROXIES`), in which case the address the
 * proxies report in `X-Forwarded-For`. A header the client wrote itself is never believed: with no
 * trusted proxy (the default) `X-Forwarded-For` is ignored altogether, and behind trusted proxies
 * the list is read from the right (each proxy appends the address it saw) up to the first address
 * that is not a trusted proxy; whatever the client put to the left of it is skipped.
 *
 * Next hands neither the socket to route handlers nor the middleware, so the production server
 * (server.ts) works it out for every request and passes it on in {@link CLIENT_ADDRESS_HEADER},
 * after removing any copy the client sent. Route handlers believe that header only when this
 * process was started by server.ts ({@link trustStampedAddresses}); elsewhere (`next dev`, `next
 * start`, tests calling handlers directly) every request is the one client {@link UNKNOWN_CLIENT},
 * so per-client limits are shared rather than evaded.
 *
 * Node only (server.ts imports it before Next is loaded, so no `server-only` marker).
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { log } from '@/lib/observability/log';

/** The request header server.ts sets to the client address (any client-sent copy is replaced). */
export const CLIENT_ADDRESS_HEADER = 'x-portal-client-address';
/** The client of every request whose address this process cannot know (not started by server.ts). */
export const UNKNOWN_CLIENT = 'unknown';
/** At most this many `X-Forwarded-For` entries are read, from the right. */
const MAX_FORWARDED_HOPS = 16;
const STAMPED = Symbol.for('elizaos-migration.client-address-stamped');

/** Whether an address (normalised by {@link normalizeAddress}) is a trusted proxy. */
export type ProxyMatcher = (address: string) => boolean;

/**
 * Parses an IP address as sockets and proxies write it: IPv4, IPv6 (in brackets or not, with a
 * zone, which is dropped), with or without a port; an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, what a dual-stack
 * socket reports for IPv4 clients) is its IPv4 address. IPv6 comes back in lower case.
 *
 * @returns the address, or null when `text` is not one.
 */
export function normalizeAddress(text: string): string | null {
  let value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  const version = isIP(value);
  if (version === 4) return value;
  if (version !== 6) return null;
  value = value.toLowerCase().replace(/%.*$/, '');
  const mapped = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  return mapped?.[1] && isIP(mapped[1]) === 4 ? mapped[1] : value;
}

/**
 * A matcher for `TRUSTED_PROXIES` entries (lib/config/env.ts checks them): addresses and CIDR
 * blocks, IPv4 or IPv6 (`10.0.0.0/8`, `127.0.0.1`, `fd00::/8`). No entry: nothing is a proxy.
 *
 * @throws Error on an entry that is neither.
 */
export function proxyMatcher(entries: readonly string[]): ProxyMatcher {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const version = isIP(address);
    if (version === 0) throw new Error(`"${entry}" is not an IP address or CIDR block`);
    const type = version === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => entries.length > 0 && list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client address of a request that came from TCP peer `peer` with `forwardedFor` (the
 * `X-Forwarded-For` header, duplicates joined with commas). Behind trusted proxies: the rightmost
 * entry that is not a trusted proxy; a malformed entry ends the walk at the last proxy trusted.
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | undefined, isProxy: ProxyMatcher): string {
  const socket = peer === undefined ? null : normalizeAddress(peer);
  if (socket === null) return UNKNOWN_CLIENT;
  if (!isProxy(socket) || !forwardedFor) return socket;
  let client = socket;
  const hops = forwardedFor.split(',').slice(-MAX_FORWARDED_HOPS).reverse();
  for (const hop of hops) {
    const address = normalizeAddress(hop);
    if (address === null) return client;
    client = address;
    if (!isProxy(address)) return address;
  }
  return client;
}

/**
 * Sets {@link CLIENT_ADDRESS_HEADER} on a request arriving at server.ts to its client address,
 * replacing whatever the client sent under that name (in `headers` and `rawHeaders`, which Next
 * may read either of).
 *
 * @returns the address set.
 */
export function stampClientAddress(req: IncomingMessage, isProxy: ProxyMatcher): string {
  const forwarded = req.headers['x-forwarded-for'];
  const address = resolveClientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, isProxy);
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  const raw: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    if (name.toLowerCase() !== CLIENT_ADDRESS_HEADER) raw.push(name, req.rawHeaders[i + 1] ?? '');
  }
  raw.push(CLIENT_ADDRESS_HEADER, address);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
  return address;
}

/**
 * Marks this process as one whose every request went through {@link stampClientAddress}: from
 * now on {@link clientAddress} believes the header. server.ts calls it before it serves anything.
 */
export function trustStampedAddresses(): void {
  (globalThis as Record<symbol, unknown>)[STAMPED] = true;
}

let warned = false;

/**
 * The client address of a request, as server.ts stamped it; {@link UNKNOWN_CLIENT} when this
 * process was not started by server.ts or the header is missing or malformed (fail closed: such
 * requests share one client's limits).
 */
export function clientAddress(request: Pick<Request, 'headers'>): string {
  if ((globalThis as Record<symbol, unknown>)[STAMPED] !== true) {
    if (!warned) {
      warned = true;
      log('rate-limit').warn({ event: 'rate_limit.client_unknown' }, 'client addresses are unknown in this process (it was not started by server.ts, `npm start`): every request counts as one client');
    }
    return UNKNOWN_CLIENT;
  }
  const stamped = request.headers.get(CLIENT_ADDRESS_HEADER);
  return stamped !== null && normalizeAddress(stamped) === stamped ? stamped : UNKNOWN_CLIENT;
}
