import styled from 'styled-components';
import { useCopy } from '../../hooks/useCopy.js';
import { Button } from '../../ui/components/Button.js';
import { Input } from '../../ui/components/Field.js';
import { Icon } from '../../ui/components/Icon.js';

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
  const { copy, copied } = useCopy();
  return (
    <Box>
      <Label>Meeting code</Label>
      <Code data-testid="meeting-code">{code}</Code>
      <Row>
        <Input
          readOnly
          value={inviteUrl}
          aria-label="Invite link"
          data-testid="invite-link"
          onFocus={(e) => e.target.select()}
        />
        <Button type="button" $variant="secondary" onClick={() => void copy(inviteUrl)} aria-label="Copy invite link">
          <Icon name={copied ? 'check' : 'copy'} size={18} />
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </Row>
    </Box>
  );
}
