import { useId } from 'react';
import styled from 'styled-components';
import { useTranslation } from '../../i18n/useTranslation.js';

/** Spaced from the button below it as the card's text is from what follows it. */
const Row = styled.div`
  display: flex;
  align-items: flex-start;
  gap: ${({ theme }) => theme.space(2)};
  margin-bottom: ${({ theme }) => theme.space(5)};
  input {
    margin: 3px 0 0;
    width: 18px;
    height: 18px;
    accent-color: ${({ theme }) => theme.color.accent};
  }
  label {
    display: flex;
    flex-direction: column;
    font-size: ${({ theme }) => theme.font.size.sm};
    font-weight: ${({ theme }) => theme.font.weight.medium};
  }
  span {
    font-weight: normal;
    color: ${({ theme }) => theme.color.textMuted};
  }
`;

/** The create dialog's waiting room setting: on unless the host turns it off. */
export function WaitingRoomOption({ on, onChange }: { on: boolean; onChange(on: boolean): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Row>
      <input
        id={id}
        type="checkbox"
        checked={on}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={`${id}-hint`}
        data-testid="create-lobby"
      />
      <label htmlFor={id}>
        {t('lobby.waitingRoom')}
        <span id={`${id}-hint`}>{t('lobby.waitingRoomHint')}</span>
      </label>
    </Row>
  );
}
