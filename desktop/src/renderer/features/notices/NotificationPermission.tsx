import { useState } from 'react';
import styled from 'styled-components';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Button } from '../../ui/components/Button.js';

const Note = styled.p`
  margin: 0;
  font-size: ${({ theme }) => theme.font.size.sm};
  color: ${({ theme }) => theme.color.textMuted};
`;

/**
 * In a browser, system notifications (hands, messages, joins while the tab is hidden) need the person's
 * permission: a button asks for it; once refused, where to change it. Nothing where they are already allowed
 * (the desktop app) or not supported.
 */
export function NotificationPermission() {
  const { t } = useTranslation();
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState(() => (supported ? Notification.permission : 'granted'));
  if (permission === 'granted') return null;
  if (permission === 'denied') return <Note data-testid="notifications-blocked">{t('notices.blocked')}</Note>;
  return (
    <Button
      type="button"
      $variant="secondary"
      onClick={() => void Notification.requestPermission().then(setPermission)}
      data-testid="allow-notifications"
    >
      {t('notices.allow')}
    </Button>
  );
}
