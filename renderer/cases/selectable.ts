import type { KeyboardEvent } from 'react';

/** What makes a board row pickable by mouse, touch and keyboard (Enter or Space). */
export function selectable(select: () => void) {
  return {
    role: 'button',
    tabIndex: 0,
    onClick: select,
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select();
      }
    },
  } as const;
}
