import { useId } from 'react';
import { useTranslation } from '../../i18n/useTranslation.js';
import styled from 'styled-components';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../../i18n/languages.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { Select } from '../../ui/components/Field.js';

const Row = styled.div`
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(2)};
  font-size: ${({ theme }) => theme.font.size.sm};
  color: ${({ theme }) => theme.color.textMuted};
  label {
    white-space: nowrap;
  }
`;

const Compact = styled(Select)`
  width: auto;
  min-height: 36px;
  color: ${({ theme }) => theme.color.text};
`;

/** The interface language, switchable anywhere it is shown; each language is named in itself. */
export function LanguageSelect({ testId = 'language-select' }: { testId?: string }) {
  const { t } = useTranslation();
  const { language, choose } = useLanguage();
  const id = useId();
  return (
    <Row>
      <label htmlFor={id}>{t('language.label')}</label>
      <Compact
        id={id}
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) choose(event.target.value);
        }}
        data-testid={testId}
      >
        {LANGUAGES.map((option) => (
          <option key={option} value={option} lang={option}>
            {LANGUAGE_NAMES[option]}
          </option>
        ))}
      </Compact>
    </Row>
  );
}
