import type { LocalMedia } from '../call/localMedia.js';
import type { MeetingClient } from '../call/meetingClient.js';
import type { Platform } from '../platform/Platform.js';
import { loadMeetingModule, type MeetingModule } from './meetingModule.js';

export interface MeetingClientParams {
  platform: Platform;
  serverUrl: string;
  code: string;
  media: LocalMedia;
}

/**
 * The meeting client of the pre-join screen on show: made as soon as the meeting code has loaded and prepared
 * (socket and Peer opened, `MeetingClient.prepare`) while the person looks at the preview, so that Join only
 * sends the join. At most one: Join takes it, leaving the pre-join screen discards it.
 *
 * Once made, it is also told to React (`subscribe`, `getSnapshot`): the meeting view is rendered with it, hidden,
 * behind the pre-join screen (MeetingSlot), so that Join reveals it instead of rendering it.
 */
export class PreparedMeeting {
  private current: { params: MeetingClientParams; client: Promise<MeetingClient> } | null = null;
  /** The client of the pre-join on show, once made; kept by `take` (it is the one that joins). */
  private made: MeetingClient | null = null;
  private readonly listeners = new Set<() => void>();

  /** `load`: the meeting's chunk, where MeetingClient comes from (tests give it clients on their doubles). */
  constructor(private readonly load: () => Promise<Pick<MeetingModule, 'MeetingClient'>> = loadMeetingModule) {}

  prepare(params: MeetingClientParams): void {
    this.discard();
    const entry = { params, client: Promise.resolve(null as unknown as MeetingClient) };
    entry.client = this.load().then(({ MeetingClient }) => {
      const client = new MeetingClient(params);
      if (this.current === entry) {
        client.prepare();
        this.show(client);
      }
      return client;
    });
    entry.client.catch(() => undefined);
    this.current = entry;
  }

  /** The prepared client for this pre-join, or a new one (not prepared) when there is none. */
  take(params: MeetingClientParams): Promise<MeetingClient> {
    const entry = this.current;
    this.current = null;
    if (entry && entry.params.code === params.code && entry.params.media === params.media) return entry.client;
    if (entry) dispose(entry.client);
    this.show(null);
    return this.load().then(({ MeetingClient }) => new MeetingClient(params));
  }

  /** Leaving the pre-join screen without joining: its socket and Peer close. */
  discard(): void {
    const entry = this.current;
    this.current = null;
    this.show(null);
    if (entry) dispose(entry.client);
  }

  /** The meeting view now shows its client by itself (the app's state holds it): not kept here any longer. */
  forget(): void {
    this.show(null);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The pre-join's client once made (while it prepares and after Join took it), else null. */
  readonly getSnapshot = (): MeetingClient | null => this.made;

  private show(client: MeetingClient | null): void {
    if (this.made === client) return;
    this.made = client;
    for (const listener of [...this.listeners]) listener();
  }
}

function dispose(client: Promise<MeetingClient>): void {
  client.then(
    (made) => made.dispose(),
    () => undefined,
  );
}
