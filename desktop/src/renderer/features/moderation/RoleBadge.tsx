import { missingCaseError, type MeetingRole } from '@wava/protocol';
import styled from 'styled-components';
import { i18n } from '../../i18n/i18n.js';

/** The theme's text colour on the panel, or the stage's on a tile's dark name plate: both well above 4.5:1. */
const Pill = styled.span<{ $onStage: boolean }>`
  flex: none;
  padding: 0 ${({ theme }) => theme.space(1.5)};
  border-radius: ${({ theme }) => theme.radius.pill};
  border: 1px solid ${({ theme, $onStage }) => ($onStage ? 'rgba(255, 255, 255, 0.5)' : theme.color.border)};
  color: ${({ theme, $onStage }) => ($onStage ? theme.color.onStage : theme.color.text)};
  font-size: ${({ theme }) => theme.font.size.xs};
  font-weight: ${({ theme }) => theme.font.weight.medium};
  line-height: 18px;
  white-space: nowrap;
`;

/** What a role is called; null for a plain participant (nothing is shown). */
export function roleName(role: MeetingRole): string | null {
  switch (role) {
    case 'host':
      return i18n.t('moderation.host');
    case 'co-host':
      return i18n.t('moderation.coHost');
    case 'participant':
      return null;
    default:
      throw missingCaseError(role);
  }
}

/** "Host" or "Co-host" beside a name, as visible text (screen readers read it with the name). */
export function RoleBadge({ role, onStage = false }: { role: MeetingRole; onStage?: boolean }) {
  const name = roleName(role);
  if (name === null) return null;
  return (
    <Pill $onStage={onStage} data-testid="role-badge" data-role={role}>
      {name}
    </Pill>
  );
}
