import { chatRefusal, roleIn, type MeetingRole } from '@wava/protocol';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CallState } from '../../call/callState.js';
import { mayModerate, type ModerationState, type ModerationStore } from '../../call/moderationStore.js';
import { errorSentence, type ErrorNotice } from '../../i18n/errorSentence.js';
import { HostControls } from './HostControls.js';
import { moderationAnnouncements, moderationSentence, type ModerationAnnouncement } from './moderationAnnouncement.js';
import { ModerationNotices } from './ModerationNotices.js';
import { personActions } from './personActions.js';
import { PersonMenu } from './PersonMenu.js';
import type { RoomModeration } from './roomModeration.js';
import { useModeration } from './useModeration.js';

export interface ModerationParts {
  /** A person's role by account, for their tile. */
  roleOf(userId: string): MeetingRole;
  /** What the host's powers did that this person should see (above the tiles). */
  notices: ReactNode;
  /** For the participants list, the chat and the live region. */
  room: RoomModeration;
  /** Why the microphone / screen share may not be turned on now (only hosts may); null when they may. */
  micRefusal: string | null;
  shareRefusal: string | null;
  /** We host now: the creator, or whom hosting passed to (ending the meeting is theirs). */
  hosting: boolean;
}

/** The host's powers as parts of the meeting screen (issue 12). */
export function useModerationParts(store: ModerationStore, call: CallState): ModerationParts {
  const state = useModeration(store);
  const [announcement, setAnnouncement] = useState<{ id: number; said: readonly ModerationAnnouncement[] } | null>(
    null,
  );
  const [error, setError] = useState<ErrorNotice | null>(null);
  const selfUserId = call.self?.userId ?? null;
  const creatorId = call.meeting?.hostId ?? null;

  // Both keep their identity while what they read is the same: the tiles and the notices are memoised on them.
  const { controls } = state;
  const { self, remotes } = call;
  const roleOf = useCallback(
    (userId: string): MeetingRole => {
      if (controls) return roleIn(controls, userId);
      if (userId === selfUserId && self) return self.role;
      return userId === creatorId ? 'host' : 'participant';
    },
    [controls, selfUserId, self, creatorId],
  );
  /** A person's name, '' for someone not here (their sentence says "Someone", in the language shown). */
  const nameOf = useCallback(
    (userId: string): string =>
      (userId === selfUserId ? self?.displayName : remotes.find((tile) => tile.userId === userId)?.displayName) ?? '',
    [selfUserId, self, remotes],
  );
  const myRole = selfUserId === null ? null : roleOf(selfUserId);
  const moderating = mayModerate(myRole);

  const announce = useCallback((said: readonly ModerationAnnouncement[]) => {
    setAnnouncement((before) => ({ id: (before?.id ?? 0) + 1, said }));
  }, []);

  // What changed, for the live region (names read at the time of the change, sentences written at render).
  const previous = useRef<ModerationState>(state);
  const names = useRef({ nameOf, selfUserId });
  useEffect(() => {
    names.current = { nameOf, selfUserId };
  });
  useEffect(() => {
    const before = previous.current;
    previous.current = state;
    if (before === state) return;
    const said = moderationAnnouncements(before, state, names.current.selfUserId, names.current.nameOf);
    if (said.length > 0) announce(said);
  }, [state, announce]);

  const refusalOf = (code: ReturnType<ModerationStore['refusal']>) => (code ? errorSentence(code) : null);
  const micRefusal = call.local.audio ? null : refusalOf(store.refusal({ audio: true }));
  // Never refused while we share, from the share's start (the store reads it at once, sharePhase.ts).
  const shareRefusal = refusalOf(store.refusal({ screen: true }));

  // The same object until there is news: the room's live region is memoised on it (useMeetingRoom).
  const news = useMemo(
    () =>
      announcement && {
        id: announcement.id,
        say: () => announcement.said.map(moderationSentence).join(' '),
      },
    [announcement],
  );
  // Made again only when what they show changes (a change of the call that is not theirs leaves them alone).
  const notices = useMemo(
    () => (
      <ModerationNotices
        moderation={store}
        state={state}
        selfUserId={selfUserId}
        nameOf={nameOf}
        unmuteRefusal={micRefusal}
      />
    ),
    [store, state, selfUserId, nameOf, micRefusal],
  );

  const room: RoomModeration = {
    mayModerate: moderating,
    roleOf,
    announcement: news,
    header: (
      <HostControls
        moderation={store}
        state={state}
        mayModerate={moderating}
        onAnnounce={(announcement) => announce([announcement])}
        error={error}
        onError={setError}
      />
    ),
    menu: (person) => (
      <PersonMenu
        name={person.displayName}
        actions={personActions(myRole, {
          role: roleOf(person.userId),
          media: person.media,
          creator: person.userId === creatorId,
          self: person.self,
        })}
        onAct={(action) => store.act(action, person.peerId)}
        onResult={(refusal, action) => {
          setError(refusal);
          if (!refusal && action === 'askUnmute') announce([{ kind: 'unmute-ask-sent', name: person.displayName }]);
        }}
      />
    ),
    chatRefusal: (to) => {
      if (!state.controls || myRole === null) return null;
      const recipient = to === null ? null : call.remotes.find((tile) => tile.peerId === to);
      const code = chatRefusal({
        role: myRole,
        settings: state.controls.settings,
        recipient: recipient ? roleOf(recipient.userId) : null,
      });
      return code ? errorSentence(code) : null;
    },
  };

  return {
    roleOf,
    notices,
    room,
    micRefusal,
    shareRefusal,
    hosting: myRole === 'host',
  };
}
