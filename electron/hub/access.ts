import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Pages served from this machine's loopback (the preview on another port). */
const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

/** How long a media ticket is good for: long enough for a playlist's next refreshes, short enough to be useless when leaked. */
export const TICKET_TTL_MS = 10 * 60_000;

/**
 * Who may reach the hub: browser origins (the socket and the HTTP routes check the same rule)
 * and, when a token is configured, the token, given in a header, in the socket's `auth`, or as
 * a short-lived signed ticket in the query for media elements that cannot send headers.
 */
export class HubAccess {
  private readonly tokenDigest: Buffer | undefined;
  private readonly ticketKey: Buffer | undefined;

  constructor(
    token: string | undefined,
    private readonly corsOrigins: readonly string[] = [],
    private readonly now: () => number = Date.now,
  ) {
    this.tokenDigest = token ? digest(token) : undefined;
    // Tickets are signed with a key derived from the token, so a restart keeps them valid.
    this.ticketKey = token
      ? createHmac('sha256', token).update('citywall-ticket').digest()
      : undefined;
  }

  get tokenRequired(): boolean {
    return this.tokenDigest !== undefined;
  }

  /** No origin (Node, Electron main) or loopback or a configured one. */
  originAllowed(origin: string | undefined): boolean {
    return !origin || LOOPBACK_ORIGIN.test(origin) || this.corsOrigins.includes(origin);
  }

  /** The CORS answer for a request's origin: empty when the origin is not trusted. */
  corsHeaders(origin: string | undefined): Record<string, string> {
    if (!origin || !this.originAllowed(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-headers': 'authorization',
      vary: 'Origin',
    };
  }

  /** Compares in constant time (digests of equal length), so timing tells nothing of the token. */
  tokenMatches(given: unknown): boolean {
    if (!this.tokenDigest) return true;
    if (typeof given !== 'string' || given.length === 0 || given.length > 4096) return false;
    return timingSafeEqual(digest(given), this.tokenDigest);
  }

  /** A bearer token in the `authorization` header, or a valid ticket in `?ticket=`. */
  requestAllowed(req: IncomingMessage, query: URLSearchParams): boolean {
    if (!this.tokenDigest) return true;
    const header = req.headers.authorization;
    if (typeof header === 'string' && header.startsWith('Bearer '))
      return this.tokenMatches(header.slice('Bearer '.length));
    const ticket = query.get('ticket');
    return ticket !== null && this.ticketValid(ticket);
  }

  /** `<expiry ms>.<signature>`: proves the bearer of the token asked for it, until it expires. */
  issueTicket(): { ticket: string; expires: number } | undefined {
    if (!this.ticketKey) return undefined;
    const expires = this.now() + TICKET_TTL_MS;
    return { ticket: `${expires}.${this.sign(String(expires))}`, expires };
  }

  ticketValid(ticket: string): boolean {
    if (!this.ticketKey || ticket.length > 128) return false;
    const match = /^(\d{1,16})\.([0-9a-f]{64})$/.exec(ticket);
    if (!match) return false;
    const [, expires = '', signature = ''] = match;
    if (Number(expires) < this.now()) return false;
    return timingSafeEqual(Buffer.from(this.sign(expires), 'hex'), Buffer.from(signature, 'hex'));
  }

  private sign(text: string): string {
    return createHmac('sha256', this.ticketKey as Buffer)
      .update(text)
      .digest('hex');
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
