import styled from 'styled-components';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Icon } from '../../ui/components/Icon.js';
import { joinSentences, noticeSentence } from './meetingNotice.js';
import type { MeetingNotices } from './useMeetingNotices.js';

const Live = styled.div`
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
`;

const Banners = styled.div`
  position: fixed;
  top: 72px;
  left: 50%;
  transform: translateX(-50%);
  z-index: 20;
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: ${({ theme }) => theme.space(2)};
  width: max-content;
  max-width: calc(100vw - 32px);
  pointer-events: none;
`;

const Banner = styled.div`
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(2)};
  max-width: 100%;
  padding: ${({ theme }) => `${theme.space(2)} ${theme.space(4)}`};
  border-radius: ${({ theme }) => theme.radius.pill};
  background: rgba(20, 24, 32, 0.92);
  border: 1px solid rgba(255, 255, 255, 0.14);
  color: #fff;
  font-size: ${({ theme }) => theme.font.size.sm};
  box-shadow: ${({ theme }) => theme.shadow.raised};
  span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;

/**
 * The meeting's one polite live region (joins, leaves, hands, chat messages), and the banners that show the same
 * for a few seconds. Sentences are written here, at render, so a language switch rewrites them. The banners are
 * hidden from assistive tech: the live region already reads them.
 */
export function MeetingAnnouncer({ notices }: { notices: MeetingNotices }) {
  useTranslation();
  return (
    <>
      <Live aria-live="polite" role="status" data-testid="meeting-announcer">
        {joinSentences(notices.latest.map(noticeSentence))}
      </Live>
      <Banners aria-hidden="true">
        {notices.banners.map(({ key, notice }) => (
          <Banner key={key} data-testid="notice-banner" data-kind={notice.kind}>
            <Icon
              name={notice.kind === 'message' ? 'chat' : notice.kind === 'hand-raised' ? 'hand' : 'people'}
              size={16}
            />
            <span>{noticeSentence(notice)}</span>
          </Banner>
        ))}
      </Banners>
    </>
  );
}
