import type { LocalMedia } from '../call/localMedia.js';
import type { MeetingClient } from '../call/meetingClient.js';
import type { Platform } from '../platform/Platform.js';
import { loadMeetingModule } from './meetingModule.js';

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
 */
export class PreparedMeeting {
  private current: { params: MeetingClientParams; client: Promise<MeetingClient> } | null = null;

  prepare(params: MeetingClientParams): void {
    this.discard();
    const entry = { params, client: Promise.resolve(null as unknown as MeetingClient) };
    entry.client = loadMeetingModule().then(({ MeetingClient }) => {
      const client = new MeetingClient(params);
      if (this.current === entry) client.prepare();
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
    return loadMeetingModule().then(({ MeetingClient }) => new MeetingClient(params));
  }

  /** Leaving the pre-join screen without joining: its socket and Peer close. */
  discard(): void {
    const entry = this.current;
    this.current = null;
    if (entry) dispose(entry.client);
  }
}

function dispose(client: Promise<MeetingClient>): void {
  client.then(
    (made) => made.dispose(),
    () => undefined,
  );
}
