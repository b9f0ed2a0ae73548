/** What a published stream carries, as moderation sees it: a person's microphone, camera or screen. */
export type ForwardedKind = 'audio' | 'camera' | 'screen';

/** One stream of a VideoRoom publisher, as Janus lists it (`publishers[].streams[]`). */
export interface PublisherStream {
  mid: string;
  kind: ForwardedKind;
  moderated: boolean;
}

/**
 * The streams of each publisher in a VideoRoom `publishers` list (a `joined` answer or a `publishers` event):
 * audio m-lines are the microphone, a video m-line described `screen` is the screen share, any other video the
 * camera (so a client that describes nothing still has its camera moderated). Data channels are left out.
 */
export function publisherStreams(publishers: unknown): Map<string, PublisherStream[]> {
  const out = new Map<string, PublisherStream[]>();
  if (!Array.isArray(publishers)) return out;
  for (const publisher of publishers as unknown[]) {
    if (!isObject(publisher) || typeof publisher.id !== 'string' || !Array.isArray(publisher.streams)) continue;
    const streams: PublisherStream[] = [];
    for (const stream of publisher.streams as unknown[]) {
      if (!isObject(stream) || typeof stream.mid !== 'string' || stream.disabled === true) continue;
      const kind =
        stream.type === 'audio'
          ? 'audio'
          : stream.type === 'video'
            ? stream.description === 'screen'
              ? 'screen'
              : 'camera'
            : null;
      if (kind) streams.push({ mid: stream.mid, kind, moderated: stream.moderated === true });
    }
    out.set(publisher.id, streams);
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
