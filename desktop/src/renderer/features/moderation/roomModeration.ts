import type { MediaState, MeetingRole } from '@wava/protocol';
import type { ReactNode } from 'react';
import type { ExtraAnnouncement } from '../notices/MeetingAnnouncer.js';

/** One person as the host's menu needs them. */
export interface ModeratedPerson {
  peerId: string;
  userId: string;
  displayName: string;
  self: boolean;
  media: MediaState;
}

/** What the room features (participants list, chat, live region) show of the host's powers. */
export interface RoomModeration {
  /** We are host or co-host. */
  mayModerate: boolean;
  roleOf(userId: string): MeetingRole;
  /** The top of the participants list: locked or not, and the host's meeting-wide powers. */
  header: ReactNode;
  /** The host's menu for one person (nothing for people without powers). */
  menu(person: ModeratedPerson): ReactNode;
  /** The latest news for the polite live region (`id` grows with each). */
  announcement: ExtraAnnouncement | null;
  /** Why a message to everyone (`to` null) or privately to `to` would be refused; null when it may be sent. */
  chatRefusal(to: string | null): string | null;
}
