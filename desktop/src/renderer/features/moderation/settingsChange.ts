import type { Audience, MeetingControls, SettingsRequest } from '@wava/protocol';

/** What the settings form holds. */
export interface SettingsDraft {
  title: string;
  lobby: boolean;
  screenShare: Audience;
  chat: Audience;
  unmute: Audience;
}

export function draftOf(controls: MeetingControls): SettingsDraft {
  const { lobby, screenShare, chat, unmute } = controls.settings;
  return { title: controls.title, lobby, screenShare, chat, unmute };
}

/** Only what the host changed (another host may have changed the rest meanwhile); null when nothing did. */
export function settingsChange(controls: MeetingControls, draft: SettingsDraft): SettingsRequest | null {
  const change: SettingsRequest = {};
  const title = draft.title.trim();
  if (title !== controls.title) change.title = title;
  if (draft.lobby !== controls.settings.lobby) change.lobby = draft.lobby;
  if (draft.screenShare !== controls.settings.screenShare) change.screenShare = draft.screenShare;
  if (draft.chat !== controls.settings.chat) change.chat = draft.chat;
  if (draft.unmute !== controls.settings.unmute) change.unmute = draft.unmute;
  return Object.keys(change).length > 0 ? change : null;
}
