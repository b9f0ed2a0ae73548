import { memo } from 'react';
import styled from 'styled-components';
import { useCopy } from '../../hooks/useCopy.js';
import { useScreenHeading } from '../../hooks/useScreenHeading.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Brand } from '../../ui/components/Brand.js';
import { Icon } from '../../ui/components/Icon.js';
import { NARROW, WideOnly, WideText } from '../../ui/components/Responsive.js';

const Header = styled.header`
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: ${({ theme }) => theme.space(4)};
  padding: ${({ theme }) => `${theme.space(3)} ${theme.space(5)}`};
  @media ${NARROW} {
    gap: ${({ theme }) => theme.space(2)};
    padding: ${({ theme }) => `${theme.space(2)} ${theme.space(3)}`};
  }
`;

const Title = styled.div`
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(4)};
  min-width: 0;
`;

/** The title above the code and head count; the title shortens with an ellipsis, never to nothing. */
const TitleText = styled.div`
  display: flex;
  flex-direction: column;
  min-width: 0;
  h1 {
    margin: 0;
    font-size: ${({ theme }) => theme.font.size.md};
    font-weight: ${({ theme }) => theme.font.weight.medium};
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  span {
    color: ${({ theme }) => theme.color.onStageMuted};
    font-size: ${({ theme }) => theme.font.size.sm};
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
`;

const Pill = styled.button`
  display: inline-flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(2)};
  height: 36px;
  padding: 0 ${({ theme }) => theme.space(3)};
  border-radius: ${({ theme }) => theme.radius.pill};
  border: 1px solid rgba(255, 255, 255, 0.14);
  background: rgba(255, 255, 255, 0.06);
  color: ${({ theme }) => theme.color.onStage};
  font-size: ${({ theme }) => theme.font.size.sm};
  white-space: nowrap;
  flex: none;
  cursor: pointer;
  &:hover {
    background: rgba(255, 255, 255, 0.12);
  }
  @media ${NARROW} {
    width: 36px;
    padding: 0;
    justify-content: center;
  }
`;

export interface MeetingHeaderProps {
  /** The meeting's title; empty when it has none. */
  title: string;
  code: string;
  /** Everyone in the meeting, ourselves included. */
  count: number;
  /** The link that invites to this meeting; empty until the meeting is joined. */
  inviteUrl: string;
}

/**
 * The meeting screen's top: its title (focused when the screen opens), code and head count, and the invite link to
 * copy. Memoised: it shows none of what changes in a call but who is there.
 */
export const MeetingHeader = memo(function MeetingHeader({ title, code, count, inviteUrl }: MeetingHeaderProps) {
  const { t } = useTranslation();
  const heading = useScreenHeading();
  const { copy, copied } = useCopy();
  return (
    <Header>
      <Title>
        <WideOnly>
          <Brand />
        </WideOnly>
        <TitleText>
          <h1 ref={heading} tabIndex={-1} data-testid="screen-heading">
            {title || t('meeting.untitled')}
          </h1>
          <span>
            {code} · {t('meeting.people', { count: count })}
          </span>
        </TitleText>
      </Title>
      <Pill type="button" onClick={() => void copy(inviteUrl)} disabled={!inviteUrl} data-testid="meeting-copy-invite">
        <Icon name={copied ? 'check' : 'link'} size={16} />
        <WideText>{copied ? t('meeting.inviteCopied') : t('meeting.copyInvite')}</WideText>
      </Pill>
    </Header>
  );
});
