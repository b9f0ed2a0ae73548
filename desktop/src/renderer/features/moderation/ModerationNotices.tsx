import { useState, type ReactNode } from 'react';
import styled from 'styled-components';
import type { ModerationState, ModerationStore } from '../../call/moderationStore.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Button } from '../../ui/components/Button.js';
import { Icon } from '../../ui/components/Icon.js';
import { hostSentence, noticeSentence } from './moderationAnnouncement.js';

/** Like the app's info Notice, with buttons; not a live region itself (the room's polite region announces). */
const Box = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${({ theme }) => theme.space(2)};
  align-items: center;
  padding: ${({ theme }) => `${theme.space(2)} ${theme.space(3)}`};
  border-radius: ${({ theme }) => theme.radius.md};
  font-size: ${({ theme }) => theme.font.size.sm};
  background: ${({ theme }) => theme.color.surfaceRaised};
  color: ${({ theme }) => theme.color.text};
  border: 1px solid ${({ theme }) => theme.color.border};
  > span {
    flex: 1;
    min-width: 12em;
  }
  button {
    height: 32px;
    padding: 0 ${({ theme }) => theme.space(3)};
    font-size: ${({ theme }) => theme.font.size.sm};
  }
`;

function Note({ testId, children, actions }: { testId: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Box data-testid={testId}>
      <Icon name="alert" size={16} />
      <span>{children}</span>
      {actions}
    </Box>
  );
}

export interface ModerationNoticesProps {
  moderation: ModerationStore;
  state: ModerationState;
  selfUserId: string | null;
  /** A person's name by account; '' for someone unknown. */
  nameOf(userId: string): string;
  /** Only hosts may unmute and we are a participant with the microphone off: say why it stays off. */
  unmuteRefusal: string | null;
}

/**
 * What the host's powers did that this person should see: who muted them or stopped their camera or share, a
 * host's ask to unmute (Unmute with one click, or Not now), who hosts now, and why the microphone stays off.
 */
export function ModerationNotices({ moderation, state, selfUserId, nameOf, unmuteRefusal }: ModerationNoticesProps) {
  const { t } = useTranslation();
  const [hostSeen, setHostSeen] = useState<number | null>(null);
  const passed = state.hostPassed && state.hostPassed.id !== hostSeen ? state.hostPassed : null;
  const dismiss = (onClick: () => void, testId: string) => (
    <Button type="button" $variant="secondary" onClick={onClick} data-testid={testId}>
      {t('moderation.dismiss')}
    </Button>
  );
  return (
    <>
      {state.unmuteAsk ? (
        <Note
          testId="unmute-ask"
          actions={
            <>
              <Button type="button" onClick={() => moderation.acceptUnmute()} data-testid="unmute-ask-accept">
                {t('moderation.unmute')}
              </Button>
              <Button
                type="button"
                $variant="secondary"
                onClick={() => moderation.dismissUnmuteAsk()}
                data-testid="unmute-ask-dismiss"
              >
                {t('moderation.notNow')}
              </Button>
            </>
          }
        >
          {t('moderation.askedToUnmute', { name: state.unmuteAsk.by.displayName })}
        </Note>
      ) : null}
      {state.notice ? (
        <Note
          testId="moderation-notice"
          actions={dismiss(() => moderation.dismissNotice(), 'moderation-notice-dismiss')}
        >
          {noticeSentence(state.notice.action, state.notice.by.displayName)}
        </Note>
      ) : null}
      {passed ? (
        <Note testId="host-passed" actions={dismiss(() => setHostSeen(passed.id), 'host-passed-dismiss')}>
          {hostSentence(passed.userId, selfUserId, nameOf)}
        </Note>
      ) : null}
      {unmuteRefusal && !state.unmuteAsk ? <Note testId="unmute-hosts-only">{unmuteRefusal}</Note> : null}
    </>
  );
}
