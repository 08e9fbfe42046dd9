import { z } from 'zod';

/** A UTF-16 code unit of a surrogate pair standing alone: not text, and it breaks JSON elsewhere. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `value` is whole Unicode text (no lone surrogate). */
function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** A bounded string of whole Unicode text: what every id and text field from outside must be. */
export function wellFormedText(max: number, min = 0) {
  return z
    .string()
    .min(min)
    .max(max)
    .refine(isWellFormed, { message: 'text with a lone surrogate' });
}
