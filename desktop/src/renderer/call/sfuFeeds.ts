import { z } from 'zod';

/** One stream a VideoRoom publisher offers (the `streams` of a `publishers` entry). */
export const publishedStreamSchema = z
  .object({
    type: z.string(),
    mid: z.string(),
    description: z.string().optional(),
    disabled: z.boolean().optional(),
    /** An audio stream's talking state (the room's `audiolevel_event`). */
    talking: z.boolean().optional(),
  })
  .loose();
export type PublishedStream = z.infer<typeof publishedStreamSchema>;

/** A VideoRoom publisher: its id is the Wava peer id of its person. */
export const publisherSchema = z
  .object({ id: z.string(), streams: z.array(publishedStreamSchema).default([]), talking: z.boolean().optional() })
  .loose();
export type Publisher = z.infer<typeof publisherSchema>;

/** One stream of our subscription (`streams` of VideoRoom's `attached`/`updated`), by its mid in our connection. */
export const subscribedStreamSchema = z
  .object({
    mid: z.string(),
    type: z.string(),
    feed_id: z.string().optional(),
    feed_mid: z.string().optional(),
    active: z.boolean().optional(),
  })
  .loose();
export type SubscribedStream = z.infer<typeof subscribedStreamSchema>;

export interface FeedStream {
  feed: string;
  mid: string;
}

/**
 * Whether a publisher talks, as a `publishers` list says (Janus 1.x: per audio stream, and for the publisher as a
 * whole); null when it says nothing (no audio levels in that room).
 */
export function publisherTalking(publisher: Publisher): boolean | null {
  const said = [publisher.talking, ...publisher.streams.map((stream) => stream.talking)].filter(
    (talking) => talking !== undefined,
  );
  return said.length === 0 ? null : said.includes(true);
}

/** What a stream of a publisher is to a receiver: its voice, its camera, or its screen. */
export function streamRole(stream: PublishedStream): 'audio' | 'camera' | 'screen' | null {
  if (stream.type === 'audio') return 'audio';
  if (stream.type !== 'video') return null;
  return stream.description === 'screen' ? 'screen' : 'camera';
}

/**
 * The subscription a receiver wants from the room's publishers: everyone's audio and screen, and the camera of
 * the people in `cameras` (last-N). Disabled streams (a stopped screen share) are not wanted.
 */
export function wantedStreams(publishers: ReadonlyMap<string, Publisher>, cameras: ReadonlySet<string>): FeedStream[] {
  const wanted: FeedStream[] = [];
  for (const publisher of publishers.values()) {
    for (const stream of publisher.streams) {
      const role = streamRole(stream);
      if (!role || stream.disabled) continue;
      if (role === 'camera' && !cameras.has(publisher.id)) continue;
      wanted.push({ feed: publisher.id, mid: stream.mid });
    }
  }
  return wanted;
}

/** The `subscribe` and `unsubscribe` lists of a VideoRoom `update` that turns `current` into `wanted`. */
export function subscriptionChanges(
  current: readonly FeedStream[],
  wanted: readonly FeedStream[],
): { subscribe: FeedStream[]; unsubscribe: FeedStream[] } {
  const key = (s: FeedStream) => `${s.feed}\u0000${s.mid}`;
  const have = new Set(current.map(key));
  const want = new Set(wanted.map(key));
  return {
    subscribe: wanted.filter((s) => !have.has(key(s))),
    unsubscribe: current.filter((s) => !want.has(key(s))),
  };
}
