import type { Knocker } from '@wava/protocol';
import { memo, useState } from 'react';
import styled from 'styled-components';
import type { LobbyLink } from '../../call/lobbyLink.js';
import { errorSentence } from '../../i18n/errorSentence.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Button } from '../../ui/components/Button.js';
import { Notice } from '../../ui/components/Notice.js';

const Panel = styled.section`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(2)};
  padding: ${({ theme }) => theme.space(3)};
  border-radius: ${({ theme }) => theme.radius.md};
  background: ${({ theme }) => theme.color.surface};
  color: ${({ theme }) => theme.color.text};
  box-shadow: ${({ theme }) => theme.shadow.card};
  h2 {
    margin: 0;
    font-size: ${({ theme }) => theme.font.size.sm};
    font-weight: ${({ theme }) => theme.font.weight.bold};
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: ${({ theme }) => theme.space(2)};
    max-height: 30vh;
    overflow-y: auto;
  }
  li {
    display: flex;
    align-items: center;
    gap: ${({ theme }) => theme.space(2)};
  }
`;

const Name = styled.span`
  flex: 1;
  min-width: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  font-size: ${({ theme }) => theme.font.size.sm};
`;

const Badge = styled.span`
  margin-left: ${({ theme }) => theme.space(2)};
  padding: 1px 6px;
  border-radius: ${({ theme }) => theme.radius.pill};
  border: 1px solid ${({ theme }) => theme.color.border};
  color: ${({ theme }) => theme.color.textMuted};
  font-size: ${({ theme }) => theme.font.size.xs};
`;

const Small = styled(Button)`
  min-height: 32px;
  padding: 0 12px;
  font-size: ${({ theme }) => theme.font.size.sm};
`;

/**
 * The host's notice of who is knocking: admit or deny each, or admit everyone. Nothing while nobody waits. Memoised:
 * the queue keeps its identity until it changes (useKnockers).
 */
export const LobbyRequests = memo(function LobbyRequests({
  link,
  knockers,
}: {
  link: LobbyLink;
  knockers: readonly Knocker[];
}) {
  const { t } = useTranslation();
  /** The refusal's code; its sentence is written at render, in the language shown. */
  const [errorCode, setErrorCode] = useState<string | null>(null);
  if (knockers.length === 0) return null;
  const answer = (pending: Promise<{ ok: boolean; error?: { code: string } }>) =>
    void pending.then((result) => setErrorCode(result.ok ? null : (result.error?.code ?? 'INTERNAL')));

  return (
    <Panel aria-labelledby="lobby-requests-title" data-testid="lobby-requests">
      <h2 id="lobby-requests-title">{t('lobby.waitingCount', { count: knockers.length })}</h2>
      <ul aria-label={t('lobby.requestsRegion')}>
        {knockers.map((knocker) => (
          <li key={knocker.id} data-testid="lobby-knocker" data-display-name={knocker.displayName}>
            <Name>
              {knocker.displayName}
              {knocker.guest ? <Badge>{t('lobby.guest')}</Badge> : null}
            </Name>
            <Small
              type="button"
              $variant="secondary"
              aria-label={t('lobby.denyName', { name: knocker.displayName })}
              onClick={() => answer(link.deny(knocker.id))}
              data-testid="lobby-deny"
            >
              {t('lobby.deny')}
            </Small>
            <Small
              type="button"
              aria-label={t('lobby.admitName', { name: knocker.displayName })}
              onClick={() => answer(link.admit(knocker.id))}
              data-testid="lobby-admit"
            >
              {t('lobby.admit')}
            </Small>
          </li>
        ))}
      </ul>
      {knockers.length > 1 ? (
        <Small type="button" onClick={() => answer(link.admitAll())} data-testid="lobby-admit-all">
          {t('lobby.admitAll')}
        </Small>
      ) : null}
      {errorCode !== null ? <Notice testId="lobby-error">{errorSentence(errorCode)}</Notice> : null}
    </Panel>
  );
});
