import type { Page } from '@playwright/test';

/**
 * Text a person cannot read whole, measured in the page: a text element partly outside a box
 * that clips it (a row cut at the panel's bottom), or wider or taller than its own clipping box
 * (an ellipsis, a clamped third line). An element wholly outside its clipping box is meant to be
 * hidden (the lists hide rows that do not fit) and is not counted.
 */
export function cutText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const clips = (el: Element) => {
      const boxes: DOMRect[] = [
        new DOMRect(0, 0, document.documentElement.clientWidth, innerHeight),
      ];
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible')
          boxes.push(p.getBoundingClientRect());
      }
      return boxes;
    };
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim());
      if (!own || el.closest('select, option, script, style, [hidden]')) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.display === 'none') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const name = `${el.className || el.tagName} "${el.textContent?.trim().slice(0, 40)}"`;
      let hidden = false;
      for (const b of clips(el)) {
        const outside =
          r.right <= b.left || r.left >= b.right || r.bottom <= b.top || r.top >= b.bottom;
        if (outside) {
          hidden = true;
          break;
        }
        const inside =
          r.left >= b.left - 1 &&
          r.right <= b.right + 1 &&
          r.top >= b.top - 1 &&
          r.bottom <= b.bottom + 1;
        if (!inside) {
          out.push(`${name} is cut by its box`);
          break;
        }
      }
      if (hidden) continue;
      const clipsSelf = s.overflowX !== 'visible' || s.overflowY !== 'visible';
      if (
        clipsSelf &&
        (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2)
      )
        out.push(`${name} overflows itself`);
    }
    return out;
  });
}
