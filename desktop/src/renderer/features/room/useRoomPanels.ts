import { useCallback, useRef, useState } from 'react';
import type { RoomStore } from './roomStore.js';

export type RoomPanel = 'chat' | 'participants';

/**
 * Which side panel is open (one at a time). Closing gives focus back to what opened it, or to the chat button
 * when that is gone (an item of the "More" menu, which closed).
 */
export function useRoomPanels(room: RoomStore) {
  const [panel, setPanel] = useState<RoomPanel | null>(null);
  const chatButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  const open = useCallback(
    (next: RoomPanel) => {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setPanel(next);
      room.setChatOpen(next === 'chat');
    },
    [room],
  );
  const close = useCallback(() => {
    setPanel(null);
    room.setChatOpen(false);
    const back = opener.current;
    opener.current = null;
    if (back?.isConnected && back.offsetParent !== null) back.focus();
    else chatButton.current?.focus();
  }, [room]);
  const toggle = useCallback((which: RoomPanel) => (panel === which ? close() : open(which)), [panel, open, close]);

  return { panel, open, close, toggle, chatButton };
}
