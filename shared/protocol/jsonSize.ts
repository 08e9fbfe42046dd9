/**
 * True when `value` would serialise to more than `limit` bytes of JSON. It walks the value and
 * stops as soon as the budget is spent, so a normal event costs a few dozen steps and a hostile
 * one costs no more than the limit; cycles count as too large.
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
      if (seen.has(item)) return true;
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
