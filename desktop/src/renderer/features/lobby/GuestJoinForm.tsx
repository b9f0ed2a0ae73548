import type { GuestSession } from '@wava/protocol';
import { LIMITS } from '@wava/protocol/plain';
import { lazyApiClient } from '../../api/lazyApiClient.js';
import { useState, type FormEvent } from 'react';
import styled from 'styled-components';
import { errorSentence, type ErrorNotice } from '../../i18n/errorSentence.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Button } from '../../ui/components/Button.js';
import { TextField } from '../../ui/components/Field.js';
import { Notice } from '../../ui/components/Notice.js';

const Form = styled.form`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(3)};
  h2 {
    margin: 0;
    font-size: ${({ theme }) => theme.font.size.md};
  }
  p {
    margin: 0;
    color: ${({ theme }) => theme.color.textMuted};
    font-size: ${({ theme }) => theme.font.size.sm};
  }
`;

/** Divides the guest form from the sign-in form below it. */
export const OrSignIn = styled.p`
  margin: 0;
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(3)};
  color: ${({ theme }) => theme.color.textMuted};
  font-size: ${({ theme }) => theme.font.size.sm};
  &::before,
  &::after {
    content: '';
    flex: 1;
    border-top: 1px solid ${({ theme }) => theme.color.border};
  }
`;

/**
 * An invite link's way in without an account: a name, then a guest session for that one meeting. The server
 * checks the name with the same rules as display names and limits guest sessions per address.
 */
export function GuestJoinForm({
  serverUrl,
  code,
  onGuest,
}: {
  serverUrl: string;
  code: string;
  onGuest(session: GuestSession): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorNotice | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (name.trim().length === 0) {
      setError({ code: 'FIELD_MISSING' });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await lazyApiClient(serverUrl).guestSession(code, { displayName: name });
    setBusy(false);
    if (result.ok) onGuest(result.data);
    else setError(result.error);
  }

  return (
    <Form onSubmit={submit} noValidate aria-labelledby="guest-join-title">
      <h2 id="guest-join-title">{t('lobby.guestTitle')}</h2>
      <p>{t('lobby.guestIntro')}</p>
      <TextField
        label={t('lobby.guestName')}
        autoComplete="name"
        maxLength={LIMITS.displayNameMax}
        value={name}
        onChange={(event) => setName(event.target.value)}
        data-testid="guest-name"
      />
      {error ? <Notice testId="guest-error">{errorSentence(error.code, error.retryAfterSeconds)}</Notice> : null}
      <Button type="submit" $block $variant="secondary" disabled={busy} data-testid="guest-join">
        {busy ? t('auth.pleaseWait') : t('lobby.guestContinue')}
      </Button>
    </Form>
  );
}
