import { missingCaseError } from '@wava/protocol/plain';
import type { HeldPress } from './signInShellDom.js';

/**
 * Goes on with a button held down on the sign-in shell when the app took over. A browser clicks a button when a
 * pointer is pressed and released on that same element, or when the Space key that it saw go down on it comes up,
 * so the app's own button, new under the finger or the keyboard, would never be clicked: this clicks the button of
 * the same test id in `panel` when the release lands on it. Returns what stops listening.
 */
export function carryHeldPress(panel: HTMLElement, held: HeldPress): () => void {
  const doc = panel.ownerDocument;
  const press = (target: EventTarget | null) => {
    const button = (target as Element | null)?.closest<HTMLElement>(`[data-testid="${held.control}"]`);
    if (button && panel.contains(button)) button.click();
  };
  const listening: Array<[type: string, listener: (event: Event) => void]> = [];
  const listen = (type: string, listener: (event: Event) => void) => {
    listening.push([type, listener]);
    doc.addEventListener(type, listener, true);
  };
  const stop = () => {
    for (const [type, listener] of listening.splice(0)) doc.removeEventListener(type, listener, true);
  };
  switch (held.by) {
    case 'pointer':
      listen('pointerup', (event) => {
        stop();
        press(event.target);
      });
      listen('pointercancel', stop);
      // A new press means the held one was let go before this listened (the app's first render is not instant):
      // that press is the browser's own to click, not this one's too.
      listen('pointerdown', stop);
      break;
    case 'space': {
      const isSpace = (event: Event) => (event as KeyboardEvent).key === ' ';
      // A key repeat landing on the app's button makes it the browser's own press, clicked on release: not twice.
      listen('keydown', (event) => {
        if (isSpace(event)) stop();
      });
      listen('keyup', (event) => {
        if (!isSpace(event)) return;
        stop();
        press(event.target);
      });
      break;
    }
    default:
      throw missingCaseError(held.by);
  }
  return stop;
}
