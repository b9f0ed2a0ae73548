import type { PublicUser } from '@wava/protocol';
import { useState, type FormEvent } from 'react';
import styled from 'styled-components';
import { useScreenHeading } from '../../hooks/useScreenHeading.js';
import { Button } from '../../ui/components/Button.js';
import { Card, CardText, CardTitle } from '../../ui/components/Card.js';
import { Input } from '../../ui/components/Field.js';
import { Icon } from '../../ui/components/Icon.js';
import { Notice } from '../../ui/components/Notice.js';
import { PageLayout } from '../../ui/components/PageLayout.js';
import { joinProblemSentence, joinTargetOf, type JoinProblem } from './joinTarget.js';
import { Trans } from 'react-i18next';
import { useTranslation } from '../../i18n/useTranslation.js';
import { LanguageSelect } from '../language/LanguageSelect.js';
import { WaitingRoomOption } from '../lobby/WaitingRoomOption.js';

const Content = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(8)};
`;

const Hero = styled.div`
  h1 {
    margin: 0 0 ${({ theme }) => theme.space(2)};
    font-size: ${({ theme }) => theme.font.size.xxl};
    letter-spacing: -0.02em;
  }
  p {
    margin: 0;
    color: ${({ theme }) => theme.color.textMuted};
  }
`;

const Columns = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
  gap: ${({ theme }) => theme.space(5)};
`;

const JoinRow = styled.form`
  display: flex;
  gap: ${({ theme }) => theme.space(2)};
`;

/** The notice, and below it at its own width the button that answers it (Reload). */
const NoticeBlock = styled.div`
  display: flex;
  flex-direction: column;
  align-items: flex-start;
  gap: ${({ theme }) => theme.space(3)};
  & > :first-child {
    align-self: stretch;
  }
`;

const UserChip = styled.span`
  font-size: ${({ theme }) => theme.font.size.sm};
  color: ${({ theme }) => theme.color.textMuted};
  strong {
    color: ${({ theme }) => theme.color.text};
    font-weight: ${({ theme }) => theme.font.weight.medium};
  }
`;

export interface HomeScreenProps {
  user: PublicUser;
  serverUrl: string;
  error: string | null;
  /** Given when the error asks for a reload (part of Wava could not be loaded): a Reload button beside it. */
  onReload?: (() => void) | undefined;
  busy: boolean;
  /** `lobby`: the new meeting's waiting room (on by default). */
  onCreate(settings: { lobby: boolean }): void;
  onJoin(code: string): void;
  onSignOut(): void;
}

/** Start a meeting, or join one by code or invite link. */
export function HomeScreen({ user, serverUrl, error, onReload, busy, onCreate, onJoin, onSignOut }: HomeScreenProps) {
  const { t, i18n } = useTranslation();
  const [input, setInput] = useState('');
  const [inputError, setInputError] = useState<JoinProblem | null>(null);
  const [lobby, setLobby] = useState(true);
  const heading = useScreenHeading();

  function join(event: FormEvent) {
    event.preventDefault();
    const target = joinTargetOf(input, serverUrl);
    if (!target.ok) {
      setInputError(target.problem);
      return;
    }
    setInputError(null);
    onJoin(target.code);
  }

  const shown = inputError ? joinProblemSentence(inputError) : error;
  return (
    <PageLayout
      width={880}
      actions={
        <>
          <LanguageSelect inline />
          <UserChip>
            <Trans
              t={t}
              i18n={i18n}
              i18nKey="home.signedInAs"
              values={{ name: user.displayName }}
              components={{ strong: <strong data-testid="current-user" /> }}
            />
          </UserChip>
          <Button type="button" $variant="ghost" onClick={onSignOut} data-testid="sign-out">
            <Icon name="signOut" size={18} />
            {t('home.signOut')}
          </Button>
        </>
      }
    >
      <Content>
        <Hero>
          <h1 ref={heading} tabIndex={-1} data-testid="screen-heading">
            {t('home.hello', { name: user.displayName })}
          </h1>
          <p>{t('home.intro')}</p>
        </Hero>
        {shown ? (
          <NoticeBlock>
            <Notice testId="home-error">{shown}</Notice>
            {!inputError && onReload ? (
              <Button type="button" $variant="secondary" onClick={onReload} data-testid="home-reload">
                {t('updatedElsewhere.reload')}
              </Button>
            ) : null}
          </NoticeBlock>
        ) : null}
        <Columns>
          <Card>
            <CardTitle>{t('home.newMeeting')}</CardTitle>
            <CardText>{t('home.newMeetingText')}</CardText>
            <WaitingRoomOption on={lobby} onChange={setLobby} />
            <Button type="button" onClick={() => onCreate({ lobby })} disabled={busy} data-testid="create-meeting">
              <Icon name="plus" size={18} />
              {t('home.createMeeting')}
            </Button>
          </Card>
          <Card>
            <CardTitle>{t('home.joinMeeting')}</CardTitle>
            <CardText>{t('home.joinMeetingText')}</CardText>
            <JoinRow onSubmit={join} aria-label={t('home.joinMeeting')}>
              <Input
                aria-label={t('home.codeOrLink')}
                placeholder="abc-defg-hij"
                value={input}
                onChange={(event) => setInput(event.target.value)}
                autoCapitalize="none"
                spellCheck={false}
                data-testid="join-input"
              />
              <Button type="submit" $variant="secondary" disabled={busy} data-testid="join-submit">
                {t('home.join')}
              </Button>
            </JoinRow>
          </Card>
        </Columns>
      </Content>
    </PageLayout>
  );
}
