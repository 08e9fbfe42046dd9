import { DOMParser, type Element } from '@xmldom/xmldom';

/** The one namespace read: CAP 1.2 (1.1 and 1.0 differ in elements and are refused by name). */
const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/** Bytes one CAP document may have: a warning with a province's outline stays well under it. */
export const MAX_CAP_BYTES = 1024 * 1024;

const STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
const MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
const SCOPES = ['Public', 'Restricted', 'Private'] as const;
const URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
const SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
const CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

export interface CapArea {
  readonly areaDesc: string;
  /** Closed rings as flat `[lon, lat, …]` (CAP writes `lat,lon` pairs: turned here). */
  readonly polygons: readonly number[][];
  readonly circles: readonly { readonly lon: number; readonly lat: number; readonly km: number }[];
  /** Geocodes (e.g. 行政区划代码): kept for the reason a geocode-only area is not drawn. */
  readonly geocodes: readonly { readonly valueName: string; readonly value: string }[];
}

export interface CapInfo {
  readonly language: string;
  readonly categories: readonly string[];
  readonly event: string;
  readonly urgency: (typeof URGENCIES)[number];
  readonly severity: (typeof SEVERITIES)[number];
  readonly certainty: (typeof CERTAINTIES)[number];
  readonly effective?: number;
  readonly onset?: number;
  readonly expires?: number;
  readonly senderName?: string;
  readonly headline?: string;
  readonly description?: string;
  readonly instruction?: string;
  readonly areas: readonly CapArea[];
}

/** One CAP 1.2 `alert`, every required element present and every value of its kind. */
export interface CapAlert {
  readonly identifier: string;
  readonly sender: string;
  readonly sent: number;
  readonly status: (typeof STATUSES)[number];
  readonly msgType: (typeof MSG_TYPES)[number];
  readonly scope: (typeof SCOPES)[number];
  readonly note?: string;
  /** The messages this one updates or cancels (`sender,identifier,sent` triples). */
  readonly references: readonly { readonly sender: string; readonly identifier: string }[];
  readonly infos: readonly CapInfo[];
}

export type CapParsed =
  { readonly ok: true; readonly alert: CapAlert } | { readonly ok: false; readonly error: string };

/** A reason a document is not a CAP 1.2 alert, naming the element at fault. */
class CapError extends Error {}

/**
 * Reads a CAP 1.2 document with a real XML parser (namespaces resolved, not matched as text):
 * malformed XML, a DOCTYPE (entities are never expanded), another namespace or version, a missing
 * required element, an unknown code value, a time without its zone or a bad polygon is refused
 * with a message that names it. Never throws.
 */
export function parseCap(xml: string): CapParsed {
  if (xml.length > MAX_CAP_BYTES) return { ok: false, error: `over ${MAX_CAP_BYTES} bytes` };
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new CapError(`not well-formed XML: ${firstLine(message)}`);
      },
    }).parseFromString(xml, 'text/xml');
    if (doc.doctype) throw new CapError('a DOCTYPE is not allowed in a CAP message');
    const root = doc.documentElement;
    if (!root) throw new CapError('no root element');
    if (root.localName !== 'alert' || root.namespaceURI !== CAP_NAMESPACE)
      throw new CapError(
        `root is <${root.localName ?? root.nodeName}> in namespace ${root.namespaceURI ?? '(none)'}, not <alert> in ${CAP_NAMESPACE}`,
      );
    return { ok: true, alert: readAlert(root) };
  } catch (error) {
    if (error instanceof CapError) return { ok: false, error: error.message };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `not well-formed XML: ${firstLine(message)}` };
  }
}

function readAlert(alert: Element): CapAlert {
  const note = optionalText(alert, 'note');
  const references = optionalText(alert, 'references');
  return {
    identifier: requiredText(alert, 'identifier'),
    sender: requiredText(alert, 'sender'),
    sent: time(requiredText(alert, 'sent'), 'sent'),
    status: oneOf(alert, 'status', STATUSES),
    msgType: oneOf(alert, 'msgType', MSG_TYPES),
    scope: oneOf(alert, 'scope', SCOPES),
    ...(note ? { note } : {}),
    references: references ? readReferences(references) : [],
    infos: children(alert, 'info').map(readInfo),
  };
}

function readInfo(info: Element): CapInfo {
  const categories = children(info, 'category').map((c) => text(c));
  if (categories.length === 0) throw new CapError('<info> without <category>');
  const optional = (name: string) => {
    const value = optionalText(info, name);
    return value ? { [name]: value } : {};
  };
  const optionalTime = (name: 'effective' | 'onset' | 'expires') => {
    const value = optionalText(info, name);
    return value ? { [name]: time(value, name) } : {};
  };
  return {
    language: optionalText(info, 'language') ?? 'en-US',
    categories,
    event: requiredText(info, 'event'),
    urgency: oneOf(info, 'urgency', URGENCIES),
    severity: oneOf(info, 'severity', SEVERITIES),
    certainty: oneOf(info, 'certainty', CERTAINTIES),
    ...optionalTime('effective'),
    ...optionalTime('onset'),
    ...optionalTime('expires'),
    ...optional('senderName'),
    ...optional('headline'),
    ...optional('description'),
    ...optional('instruction'),
    areas: children(info, 'area').map(readArea),
  };
}

function readArea(area: Element): CapArea {
  return {
    areaDesc: requiredText(area, 'areaDesc'),
    polygons: children(area, 'polygon').map((p) => polygon(text(p))),
    circles: children(area, 'circle').map((c) => circle(text(c))),
    geocodes: children(area, 'geocode').map((g) => ({
      valueName: requiredText(g, 'valueName'),
      value: requiredText(g, 'value'),
    })),
  };
}

/** `lat,lon lat,lon …`, at least four pairs, the first repeated last (CAP 1.2 §3.3.2). */
function polygon(value: string): number[] {
  const pairs = value.split(/\s+/).filter(Boolean);
  if (pairs.length < 4) throw new CapError(`<polygon> has ${pairs.length} points, needs 4 or more`);
  const ring: number[] = [];
  for (const pair of pairs) {
    const { lat, lon } = point(pair, 'polygon');
    ring.push(lon, lat);
  }
  const n = ring.length;
  if (ring[0] !== ring[n - 2] || ring[1] !== ring[n - 1])
    throw new CapError('<polygon> does not end at its first point');
  return ring;
}

/** `lat,lon radius` with the radius in kilometres. */
function circle(value: string): { lon: number; lat: number; km: number } {
  const [centre = '', radius = '', ...rest] = value.split(/\s+/).filter(Boolean);
  const km = Number(radius);
  if (rest.length > 0 || radius === '' || !Number.isFinite(km) || km < 0)
    throw new CapError(`<circle> "${clip(value)}" is not "lat,lon radius-in-km"`);
  return { ...point(centre, 'circle'), km };
}

function point(pair: string, where: string): { lat: number; lon: number } {
  const [a, b, ...rest] = pair.split(',');
  const lat = Number(a);
  const lon = Number(b);
  if (
    rest.length > 0 ||
    !a ||
    !b ||
    !Number.isFinite(lat) ||
    !Number.isFinite(lon) ||
    Math.abs(lat) > 90 ||
    Math.abs(lon) > 180
  )
    throw new CapError(`<${where}> point "${clip(pair)}" is not "lat,lon" in WGS 84`);
  return { lat, lon };
}

/** `sender,identifier,sent` triples separated by white space. */
function readReferences(value: string): { sender: string; identifier: string }[] {
  return value
    .split(/\s+/)
    .filter(Boolean)
    .map((triple) => {
      const [sender, identifier, sent] = triple.split(',');
      if (!sender || !identifier || !sent)
        throw new CapError(`<references> "${clip(triple)}" is not "sender,identifier,sent"`);
      return { sender, identifier };
    });
}

/**
 * A CAP dateTime: `2002-05-24T16:49:00-07:00`, always with its offset (CAP writes UTC as
 * `-00:00`; a `Z` is read too, since some senders write it).
 */
function time(value: string, name: string): number {
  const match = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$/.exec(value);
  const ms = match ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms))
    throw new CapError(`<${name}> "${clip(value)}" is not a time with its zone offset`);
  return ms;
}

function oneOf<T extends string>(parent: Element, name: string, values: readonly T[]): T {
  const value = requiredText(parent, name);
  if (!(values as readonly string[]).includes(value))
    throw new CapError(`<${name}> "${clip(value)}" is none of ${values.join(', ')}`);
  return value as T;
}

function requiredText(parent: Element, name: string): string {
  const value = optionalText(parent, name);
  if (value === undefined) throw new CapError(`<${parent.localName}> without <${name}>`);
  return value;
}

function optionalText(parent: Element, name: string): string | undefined {
  const [first] = children(parent, name);
  const value = first ? text(first) : '';
  return value === '' ? undefined : value;
}

/** Child elements of the CAP namespace by local name (never a descendant further down). */
function children(parent: Element, name: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling)
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element.localName === name && element.namespaceURI === CAP_NAMESPACE) found.push(element);
    }
  return found;
}

function text(element: Element): string {
  return (element.textContent ?? '').trim();
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}

function firstLine(message: string): string {
  return clip(message.split('\n')[0] ?? message);
}
