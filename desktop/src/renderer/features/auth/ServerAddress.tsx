import { useEffect, useState, type FormEvent } from 'react';
import styled from 'styled-components';
import type { ServerSettings, ServerUrlState } from '../../platform/Platform.js';
import { Button } from '../../ui/components/Button.js';
import { Input } from '../../ui/components/Field.js';
import { Notice } from '../../ui/components/Notice.js';
import { Trans } from 'react-i18next';
import { useTranslation } from '../../i18n/useTranslation.js';
import { errorSentence, type ErrorNotice } from '../../i18n/errorSentence.js';

const Box = styled.div`
  border-top: 1px solid ${({ theme }) => theme.color.border};
  padding-top: ${({ theme }) => theme.space(4)};
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(2)};
  font-size: ${({ theme }) => theme.font.size.sm};
  color: ${({ theme }) => theme.color.textMuted};
`;

const Row = styled.div`
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: ${({ theme }) => theme.space(2)};
  code {
    font-family: ${({ theme }) => theme.font.mono};
    color: ${({ theme }) => theme.color.text};
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;

/** Desktop only: which Wava server this app talks to, and changing it unless IT policy locks it. */
export function ServerAddress({
  settings,
  onChanged,
}: {
  settings: ServerSettings;
  onChanged?: (() => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const [current, setCurrent] = useState<ServerUrlState | null>(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<ErrorNotice | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let alive = true;
    settings.current().then(
      (state) => alive && setCurrent(state),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [settings]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    const result = await settings.change(draft);
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setCurrent(result.data);
    setEditing(false);
    setError(null);
    onChanged?.();
  }

  if (!current) return null;
  return (
    <Box>
      {editing ? (
        <form onSubmit={save} aria-label={t('server.address')}>
          <Row>
            <Input
              aria-label={t('server.address')}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="https://meet.example.com"
              autoFocus
            />
            <Button type="submit" disabled={saving}>
              {t('server.save')}
            </Button>
            <Button type="button" $variant="ghost" onClick={() => setEditing(false)}>
              {t('server.cancel')}
            </Button>
          </Row>
        </form>
      ) : (
        <Row>
          <span>
            <Trans
              t={t}
              i18n={i18n}
              i18nKey="server.current"
              values={{ url: current.url, source: t(`server.source.${current.source}`) }}
              components={{ code: <code title={current.url} /> }}
            />
          </span>
          {current.locked ? null : (
            <Button
              type="button"
              $variant="ghost"
              onClick={() => {
                setDraft(current.url);
                setEditing(true);
              }}
            >
              {t('server.change')}
            </Button>
          )}
        </Row>
      )}
      {error ? <Notice>{errorSentence(error.code, error.retryAfterSeconds)}</Notice> : null}
    </Box>
  );
}
