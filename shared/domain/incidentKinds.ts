/**
 * What an emergency incident (突发事件) can be, in the terms of China's emergency response law:
 * four levels, I the gravest (特别重大, red) to IV (一般, blue), and the types a city's command
 * hall handles most. Plain data shared by the hub, the walls and the protocol's schemas.
 */
export const INCIDENT_LEVELS = [1, 2, 3, 4] as const;
export type IncidentLevel = (typeof INCIDENT_LEVELS)[number];

export const INCIDENT_TYPES = [
  'fire',
  'gas-leak',
  'waterlogging',
  'road-collapse',
  'building-collapse',
  'hazardous-chemicals',
  'crowd',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** The national warning colours: I red, II orange, III yellow, IV blue. */
export const LEVEL_COLOURS: Readonly<Record<IncidentLevel, readonly [number, number, number]>> = {
  1: [230, 40, 40],
  2: [255, 140, 0],
  3: [245, 205, 30],
  4: [40, 120, 255],
};

/** `a` is graver than `b` (level I is the gravest). */
export function graver(a: IncidentLevel, b: IncidentLevel): boolean {
  return a < b;
}
