import styled from 'styled-components';
import { useCopy } from '../../hooks/useCopy.js';
import { Button } from '../../ui/components/Button.js';
import { Input } from '../../ui/components/Field.js';
import { Icon } from '../../ui/components/Icon.js';
import { useTranslation } from '../../i18n/useTranslation.js';

const Box = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(2)};
`;

const Code = styled.div`
  font-family: ${({ theme }) => theme.font.mono};
  font-size: ${({ theme }) => theme.font.size.lg};
  letter-spacing: 0.04em;
`;

const Label = styled.div`
  font-size: ${({ theme }) => theme.font.size.xs};
  text-transform: uppercase;
  letter-spacing: 0.08em;
  color: ${({ theme }) => theme.color.textMuted};
`;

const Row = styled.div`
  display: flex;
  gap: ${({ theme }) => theme.space(2)};
  input {
    font-size: ${({ theme }) => theme.font.size.sm};
  }
`;

/** The meeting code and a copyable invite link. */
export function InviteDetails({ code, inviteUrl }: { code: string; inviteUrl: string }) {
  const { t } = useTranslation();
  const { copy, copied } = useCopy();
  return (
    <Box>
      <Label>{t('prejoin.meetingCode')}</Label>
      <Code data-testid="meeting-code">{code}</Code>
      <Row>
        <Input
          readOnly
          value={inviteUrl}
          aria-label={t('prejoin.inviteLink')}
          data-testid="invite-link"
          onFocus={(e) => e.target.select()}
        />
        <Button
          type="button"
          $variant="secondary"
          onClick={() => void copy(inviteUrl)}
          aria-label={t('prejoin.copyInviteLink')}
        >
          <Icon name={copied ? 'check' : 'copy'} size={18} />
          {copied ? t('prejoin.copied') : t('prejoin.copy')}
        </Button>
      </Row>
    </Box>
  );
}
