import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import styled from 'styled-components';

const Wrapper = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(1.5)};
`;

const Label = styled.label`
  font-size: ${({ theme }) => theme.font.size.sm};
  font-weight: ${({ theme }) => theme.font.weight.medium};
  color: ${({ theme }) => theme.color.textMuted};
`;

const Hint = styled.span`
  font-size: ${({ theme }) => theme.font.size.xs};
  color: ${({ theme }) => theme.color.textMuted};
`;

const control = `
  width: 100%;
  min-height: 42px;
  padding: 0 12px;
  border-radius: 10px;
  border-width: 1px;
  border-style: solid;
`;

export const Input = styled.input`
  ${control}
  background: ${({ theme }) => theme.color.surface};
  border-color: ${({ theme }) => theme.color.border};
  transition: border-color ${({ theme }) => theme.motion.fast};
  &:hover {
    border-color: ${({ theme }) => theme.color.textMuted};
  }
  &:focus-visible {
    outline-offset: 0;
    border-color: ${({ theme }) => theme.color.accent};
  }
  &::placeholder {
    color: ${({ theme }) => theme.color.textMuted};
    opacity: 0.7;
  }
`;

export const Select = styled.select`
  ${control}
  background: ${({ theme }) => theme.color.surface};
  border-color: ${({ theme }) => theme.color.border};
  cursor: pointer;
  &:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
`;

/** A labelled text input. */
export function TextField({
  label,
  hint,
  ...input
}: { label: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Wrapper>
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} {...input} />
      {hint ? <Hint>{hint}</Hint> : null}
    </Wrapper>
  );
}

/** A labelled select. */
export function SelectField({
  label,
  children,
  ...select
}: { label: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <Wrapper>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} {...select}>
        {children}
      </Select>
    </Wrapper>
  );
}
