import { memo } from 'react';
import styled from 'styled-components';
import type { SignalingState } from '../../call/callState.js';
import { Icon } from '../../ui/components/Icon.js';
import { useTranslation } from '../../i18n/useTranslation.js';

const Banner = styled.div`
  display: flex;
  align-items: center;
  justify-content: center;
  gap: ${({ theme }) => theme.space(2)};
  padding: ${({ theme }) => theme.space(2)};
  background: ${({ theme }) => theme.color.warning};
  color: #1a1200;
  font-size: ${({ theme }) => theme.font.size.sm};
  font-weight: ${({ theme }) => theme.font.weight.medium};
  &[hidden] {
    display: none;
  }
`;

/** "Reconnecting…" while the link to the server is down; calls keep flowing meanwhile. Memoised, as it shows one value. */
export const ConnectionBanner = memo(function ConnectionBanner({ signaling }: { signaling: SignalingState }) {
  const { t } = useTranslation();
  if (signaling === 'connecting') return null;
  const reconnecting = signaling === 'reconnecting';
  return (
    <Banner data-testid="connection-banner" data-state={signaling} role="status" hidden={!reconnecting}>
      <Icon name="reconnect" size={16} />
      {t('meeting.reconnectingBanner')}
    </Banner>
  );
});
