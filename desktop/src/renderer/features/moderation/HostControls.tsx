import { useRef, useState } from 'react';
import styled from 'styled-components';
import type { ModerationState, ModerationStore } from '../../call/moderationStore.js';
import { errorSentence, type ErrorNotice } from '../../i18n/errorSentence.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Button } from '../../ui/components/Button.js';
import { MeetingSettingsDialog } from './MeetingSettingsDialog.js';
import type { ModerationAnnouncement } from './moderationAnnouncement.js';

const Box = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(2)};
  padding: ${({ theme }) => `${theme.space(3)} ${theme.space(4)} 0`};
`;

const Buttons = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${({ theme }) => theme.space(2)};
  button {
    height: 32px;
    padding: 0 ${({ theme }) => theme.space(3)};
    font-size: ${({ theme }) => theme.font.size.sm};
  }
`;

const Status = styled.p`
  margin: 0;
  font-size: ${({ theme }) => theme.font.size.sm};
  color: ${({ theme }) => theme.color.textMuted};
`;

const Error = styled.p`
  margin: 0;
  color: ${({ theme }) => theme.color.danger};
  font-size: ${({ theme }) => theme.font.size.sm};
`;

export interface HostControlsProps {
  moderation: ModerationStore;
  state: ModerationState;
  /** We are host or co-host: the buttons; everyone else sees only whether the meeting is locked. */
  mayModerate: boolean;
  /** What our powers did, for the live region (written there, at render). */
  onAnnounce(announcement: ModerationAnnouncement): void;
  /** A refusal from this panel (a person's menu too), shown here; its sentence is written at render. */
  error: ErrorNotice | null;
  onError(refusal: ErrorNotice | null): void;
}

/** The top of the participants list: whether the meeting is locked, and the host's meeting-wide powers. */
export function HostControls({ moderation, state, mayModerate, onAnnounce, error, onError }: HostControlsProps) {
  const { t } = useTranslation();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settingsButton = useRef<HTMLButtonElement>(null);
  const controls = state.controls;
  if (!controls) return null;
  const locked = controls.locked;
  if (!mayModerate && !locked && !error) return null;
  const outcome = (success: ModerationAnnouncement) => (failure: ErrorNotice | null) => {
    onError(failure);
    if (!failure) onAnnounce(success);
  };
  return (
    <Box role="group" aria-label={t('moderation.hostControls')} data-testid="host-controls">
      {locked ? <Status data-testid="meeting-locked">{t('moderation.lockedStatus')}</Status> : null}
      {mayModerate ? (
        <Buttons>
          <Button
            type="button"
            $variant="secondary"
            onClick={() => void moderation.muteAll().then(outcome({ kind: 'muted-everyone' }))}
            data-testid="mute-all"
          >
            {t('moderation.muteAll')}
          </Button>
          <Button
            type="button"
            $variant="secondary"
            aria-pressed={locked}
            onClick={() =>
              // Everyone hears the lock change from the new controls; here only a refusal is shown.
              void moderation.setLocked(!locked).then(onError)
            }
            data-testid="lock-meeting"
          >
            {t('moderation.lock')}
          </Button>
          <Button
            ref={settingsButton}
            type="button"
            $variant="secondary"
            aria-haspopup="dialog"
            onClick={() => setSettingsOpen(true)}
            data-testid="open-meeting-settings"
          >
            {t('moderation.settings')}
          </Button>
        </Buttons>
      ) : null}
      {error ? (
        <Error role="alert" data-testid="moderation-error">
          {errorSentence(error.code, error.retryAfterSeconds)}
        </Error>
      ) : null}
      {settingsOpen && mayModerate ? (
        <MeetingSettingsDialog
          moderation={moderation}
          state={state}
          controls={controls}
          onClose={() => setSettingsOpen(false)}
          onAnnounce={onAnnounce}
          returnFocus={() => settingsButton.current}
        />
      ) : null}
    </Box>
  );
}
