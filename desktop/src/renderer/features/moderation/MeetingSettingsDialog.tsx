import type { Audience, MeetingControls } from '@wava/protocol';
import { useEffect, useId, useState, type FormEvent } from 'react';
import styled from 'styled-components';
import type { ModerationStore, ModerationState } from '../../call/moderationStore.js';
import { errorSentence, type ErrorNotice } from '../../i18n/errorSentence.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Button } from '../../ui/components/Button.js';
import { SelectField, TextField } from '../../ui/components/Field.js';
import { DialogActions, DialogText } from '../../ui/components/DialogParts.js';
import { ModalDialog } from './ModalDialog.js';
import type { ModerationAnnouncement } from './moderationAnnouncement.js';
import { draftOf, settingsChange, type SettingsDraft } from './settingsChange.js';

const Form = styled.form`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(3)};
`;

const Check = styled.label`
  display: flex;
  gap: ${({ theme }) => theme.space(2)};
  align-items: flex-start;
  font-size: ${({ theme }) => theme.font.size.sm};
  input {
    margin-top: 3px;
  }
`;

const Error = styled.p`
  margin: 0;
  color: ${({ theme }) => theme.color.danger};
  font-size: ${({ theme }) => theme.font.size.sm};
`;

const Section = styled.section`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(2)};
  border-top: 1px solid ${({ theme }) => theme.color.border};
  padding-top: ${({ theme }) => theme.space(3)};
  h3 {
    margin: 0;
    font-size: ${({ theme }) => theme.font.size.md};
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: ${({ theme }) => theme.space(2)};
  }
  li {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: ${({ theme }) => theme.space(2)};
  }
`;

export interface MeetingSettingsDialogProps {
  moderation: ModerationStore;
  state: ModerationState;
  controls: MeetingControls;
  onClose(): void;
  /** For the live region: saved, someone allowed back. */
  onAnnounce(announcement: ModerationAnnouncement): void;
  returnFocus: () => HTMLElement | null;
}

/**
 * The host's and co-hosts' meeting settings: the title, the waiting room, who may share, chat and unmute, and the
 * people removed (with Allow back). Only what changed is sent; a refusal shows its sentence and keeps the form.
 */
export function MeetingSettingsDialog(props: MeetingSettingsDialogProps) {
  const { moderation, state, controls, onClose, onAnnounce, returnFocus } = props;
  const { t } = useTranslation();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(controls));
  const [error, setError] = useState<ErrorNotice | null>(null);
  const [saving, setSaving] = useState(false);
  const errorId = useId();

  useEffect(() => {
    void moderation.listRemoved();
  }, [moderation]);

  const update = (change: Partial<SettingsDraft>) => {
    setDraft((before) => ({ ...before, ...change }));
    setError(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    const change = settingsChange(controls, draft);
    if (!change) return onClose();
    setSaving(true);
    const failure = await moderation.changeSettings(change);
    setSaving(false);
    if (failure) return setError(failure);
    onAnnounce({ kind: 'settings-saved' });
    onClose();
  }

  const audience = (label: string, value: Audience, set: (value: Audience) => void, testId: string) => (
    <SelectField
      label={label}
      value={value}
      onChange={(event) => set(event.target.value === 'hosts' ? 'hosts' : 'everyone')}
      data-testid={testId}
    >
      <option value="everyone">{t('moderation.everyone')}</option>
      <option value="hosts">{t('moderation.hostsOnly')}</option>
    </SelectField>
  );

  return (
    <ModalDialog
      title={t('moderation.settingsTitle')}
      role="dialog"
      onClose={onClose}
      returnFocus={returnFocus}
      testId="meeting-settings"
    >
      <Form onSubmit={(event) => void save(event)}>
        <TextField
          label={t('moderation.titleLabel')}
          value={draft.title}
          onChange={(event) => update({ title: event.target.value })}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          data-autofocus
          data-testid="settings-title"
        />
        <Check>
          <input
            type="checkbox"
            checked={draft.lobby}
            onChange={(event) => update({ lobby: event.target.checked })}
            data-testid="settings-lobby"
          />
          {t('moderation.lobbyLabel')}
        </Check>
        {audience(
          t('moderation.screenShareLabel'),
          draft.screenShare,
          (v) => update({ screenShare: v }),
          'settings-share',
        )}
        {audience(t('moderation.chatLabel'), draft.chat, (v) => update({ chat: v }), 'settings-chat')}
        {audience(t('moderation.unmuteLabel'), draft.unmute, (v) => update({ unmute: v }), 'settings-unmute')}
        {error ? (
          <Error id={errorId} role="alert" data-testid="settings-error">
            {errorSentence(error.code, error.retryAfterSeconds)}
          </Error>
        ) : null}
        <DialogActions>
          <Button type="button" $variant="secondary" onClick={onClose} data-testid="settings-cancel">
            {t('moderation.cancel')}
          </Button>
          <Button type="submit" disabled={saving} data-testid="settings-save">
            {t('moderation.save')}
          </Button>
        </DialogActions>
      </Form>
      <Section aria-label={t('moderation.removedTitle')}>
        <h3>{t('moderation.removedTitle')}</h3>
        {state.removed && state.removed.length > 0 ? (
          <ul>
            {state.removed.map((person) => (
              <li key={person.userId} data-testid="removed-person">
                <span>{person.displayName}</span>
                <Button
                  type="button"
                  $variant="secondary"
                  aria-label={t('moderation.allowBackOf', { name: person.displayName })}
                  onClick={() =>
                    void moderation.allowBack(person.userId).then((failure) => {
                      setError(failure);
                      if (!failure) onAnnounce({ kind: 'allowed-back', name: person.displayName });
                    })
                  }
                  data-testid="allow-back"
                >
                  {t('moderation.allowBack')}
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <DialogText>{t('moderation.removedNone')}</DialogText>
        )}
      </Section>
    </ModalDialog>
  );
}
