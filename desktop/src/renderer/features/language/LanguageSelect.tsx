import { useId } from 'react';
import { useTranslation } from '../../i18n/useTranslation.js';
import styled from 'styled-components';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../../i18n/languages.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { Select, SelectField } from '../../ui/components/Field.js';

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

/**
 * The interface language, switchable wherever it is shown; each language is named in itself. `inline`: a compact
 * label-and-select row for a top bar; otherwise a labelled field like the other settings.
 */
export function LanguageSelect({ testId = 'language-select', inline = false }: { testId?: string; inline?: boolean }) {
  const { t } = useTranslation();
  const { language, choose } = useLanguage();
  const id = useId();
  const options = LANGUAGES.map((option) => (
    <option key={option} value={option} lang={option}>
      {LANGUAGE_NAMES[option]}
    </option>
  ));
  const onChange = (value: string) => {
    if (isLanguage(value)) choose(value);
  };
  if (!inline) {
    return (
      <SelectField
        label={t('language.label')}
        value={language}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      >
        {options}
      </SelectField>
    );
  }
  return (
    <Row>
      <label htmlFor={id}>{t('language.label')}</label>
      <Compact id={id} value={language} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
        {options}
      </Compact>
    </Row>
  );
}
