/** How long our own view waits for the screen's first frame to leave before showing the share anyway. */
export const FIRST_FRAME_SENT_WAIT_MS = 500;
/**
 * How often the senders are asked how many frames they sent. Chromium answers from a report it keeps for 50 ms, so
 * asking more often only costs the page.
 */
const POLL_MS = 40;

/** What a wait reads: an RTCRtpSender's `getStats` (its outbound-rtp entries count the frames sent). */
export interface SentFrames {
  getStats(): Promise<RTCStatsReport>;
}

/** The video frames a sender has sent so far (0 when it has no statistics, or its call closed). */
async function framesSentBy(sender: SentFrames): Promise<number> {
  try {
    let frames = 0;
    (await sender.getStats()).forEach((entry: { type?: string; framesSent?: number }) => {
      if (entry.type === 'outbound-rtp') frames += entry.framesSent ?? 0;
    });
    return frames;
  } catch {
    return 0;
  }
}

/**
 * Our share started: runs `then` once one of `senders` (the video senders now carrying our screen) has sent a frame
 * more than when the wait began, or after `maxMs` whatever happened; at once when there is no sender (nobody else
 * is in the call). Our own view of the share (the control bar, the stage with our screen) renders then: re-laying
 * out the page at the moment the screen's first frame is captured and encoded would compete with that encoding for
 * the computer, and the others' first picture would come later. Returns what cancels the wait (`then` never runs).
 */
export function afterFirstFrameSent(
  senders: readonly SentFrames[],
  then: () => void,
  maxMs = FIRST_FRAME_SENT_WAIT_MS,
): () => void {
  if (senders.length === 0) {
    then();
    return () => undefined;
  }
  let over = false;
  let poll: ReturnType<typeof setTimeout> | undefined;
  const finish = () => {
    if (over) return;
    over = true;
    clearTimeout(poll);
    clearTimeout(cap);
    then();
  };
  const cap = setTimeout(finish, maxMs);
  const sentNow = () => Promise.all(senders.map(framesSentBy));
  void sentNow().then((before) => {
    const check = async () => {
      const now = await sentNow();
      if (over) return;
      if (now.some((frames, index) => frames > (before[index] ?? 0))) finish();
      else poll = setTimeout(() => void check(), POLL_MS);
    };
    if (!over) poll = setTimeout(() => void check(), POLL_MS);
  });
  return () => {
    over = true;
    clearTimeout(poll);
    clearTimeout(cap);
  };
}
