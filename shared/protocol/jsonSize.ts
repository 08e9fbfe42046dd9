/**
 * True when `value` would serialise to more than `limit` bytes of JSON. It walks the value and
 * stops as soon as the budget is spent, so a normal event costs a few dozen steps and a hostile
 * one costs no more than the limit; cycles count as too large, and so does binary data (a
 * socket.io attachment is no JSON, and walking a 15 MB buffer's keys costs gigabytes).
 */
export function exceedsJsonSize(value: unknown, limit: number): boolean {
  let budget = limit;
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') budget -= item.length + 2;
    else if (typeof item === 'number' || typeof item === 'boolean') budget -= 8;
    else if (item === null || item === undefined) budget -= 4;
    else if (typeof item === 'object') {
      if (isBinary(item) || seen.has(item)) return true;
      seen.add(item);
      if (Array.isArray(item)) {
        budget -= 2 + item.length;
        for (const element of item) stack.push(element);
      } else {
        for (const key of Object.keys(item)) {
          budget -= key.length + 4;
          stack.push((item as Record<string, unknown>)[key]);
        }
      }
    } else budget -= 8;
    if (budget < 0) return true;
  }
  return false;
}

/** An ArrayBuffer, a typed array, a DataView or a Node Buffer (checked without walking it). */
export function isBinary(value: unknown): boolean {
  return (
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)
  );
}
