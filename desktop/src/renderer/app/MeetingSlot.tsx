import { Activity, lazy, memo, Suspense, useCallback, useState } from 'react';
import { createPortal } from 'react-dom';
import type { MeetingClient } from '../call/meetingClient.js';
import type { Platform } from '../platform/Platform.js';
import { loadedMeetingModule, loadMeetingModule } from './meetingModule.js';

const LazyMeetingScreen = lazy(() => loadMeetingModule().then(({ MeetingScreen }) => ({ default: MeetingScreen })));

/** A key per client: another client (another meeting) gets a meeting view of its own, never this one's state. */
const clientKeys = new WeakMap<MeetingClient, string>();
let clientsSeen = 0;
const keyOf = (client: MeetingClient): string => {
  let key = clientKeys.get(client);
  if (key === undefined) clientKeys.set(client, (key = String(++clientsSeen)));
  return key;
};

export interface MeetingSlotProps {
  client: MeetingClient;
  /** The meeting is on screen; before that (the pre-join screen on show) the view is rendered hidden. */
  shown: boolean;
  platform: Platform['kind'];
}

/**
 * The meeting view, rendered with the pre-join's client while the person looks at the preview, hidden (React's
 * `Activity`: rendered when the main thread is idle, its effects not started); Join then reveals it, rendering only
 * what the join changed (the meeting's title, the others' tiles) and starting its effects. Its first render (a few hundred milliseconds of React and first-time styles on a slow machine) was otherwise the
 * main thread's work at the very moment the first pictures arrive.
 *
 * While hidden, its elements are out of the document (a portal into an element of its own, put in place when
 * shown): nothing on the page is there twice (the pre-join's buttons beside the meeting's), and no screen reader
 * or keyboard reaches it. Its element takes no box (`display: contents`): the view lays out as the app's screens do.
 */
// Memoised: App re-renders it only when what it shows changes (not for the pre-join's reference let go at reveal).
export const MeetingSlot = memo(function MeetingSlot({ client, shown, platform }: MeetingSlotProps) {
  const [container] = useState(() => {
    const element = document.createElement('div');
    element.style.display = 'contents';
    return element;
  });
  // Attached before the view's own layout effects run (this element comes first in the commit), removed on unmount.
  const place = useCallback(
    (host: HTMLDivElement | null) => {
      if (host && shown) host.append(container);
      else container.remove();
    },
    [shown, container],
  );
  // The client came from the meeting's chunk, so it is here: rendered at once (see loadedMeetingModule).
  const Screen = loadedMeetingModule()?.MeetingScreen ?? LazyMeetingScreen;
  return (
    <>
      <div ref={place} style={{ display: 'contents' }} />
      {createPortal(
        <Activity mode={shown ? 'visible' : 'hidden'}>
          <Suspense fallback={null}>
            <Screen key={keyOf(client)} client={client} platform={platform} />
          </Suspense>
        </Activity>,
        container,
      )}
    </>
  );
});
