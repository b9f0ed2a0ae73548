import styled from 'styled-components';

export const Backdrop = styled.div`
  position: fixed;
  inset: 0;
  z-index: 1000;
  display: flex;
  align-items: center;
  justify-content: center;
  padding: ${({ theme }) => theme.space(6)};
  background: rgba(5, 7, 12, 0.62);
`;

export const Dialog = styled.div`
  width: min(880px, 100%);
  max-height: min(680px, 100%);
  display: flex;
  flex-direction: column;
  background: ${({ theme }) => theme.color.surface};
  color: ${({ theme }) => theme.color.text};
  border: 1px solid ${({ theme }) => theme.color.border};
  border-radius: ${({ theme }) => theme.radius.lg};
  box-shadow: ${({ theme }) => theme.shadow.raised};
  font-family: ${({ theme }) => theme.font.family};
  overflow: hidden;
`;

export const Header = styled.div`
  padding: ${({ theme }) => `${theme.space(5)} ${theme.space(6)} ${theme.space(3)}`};
  h2 {
    margin: 0 0 ${({ theme }) => theme.space(3)};
    font-size: ${({ theme }) => theme.font.size.lg};
    font-weight: ${({ theme }) => theme.font.weight.bold};
  }
`;

export const Tabs = styled.div`
  display: flex;
  gap: ${({ theme }) => theme.space(1)};
  border-bottom: 1px solid ${({ theme }) => theme.color.border};
`;

export const Tab = styled.button<{ $active: boolean }>`
  padding: ${({ theme }) => `${theme.space(2)} ${theme.space(3)}`};
  border: 0;
  border-bottom: 2px solid ${({ theme, $active }) => ($active ? theme.color.accent : 'transparent')};
  background: transparent;
  color: ${({ theme, $active }) => ($active ? theme.color.text : theme.color.textMuted)};
  font: inherit;
  font-weight: ${({ theme }) => theme.font.weight.medium};
  cursor: pointer;
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.color.focus};
    outline-offset: -2px;
  }
`;

export const Grid = styled.div`
  flex: 1;
  overflow-y: auto;
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
  gap: ${({ theme }) => theme.space(3)};
  padding: ${({ theme }) => `${theme.space(4)} ${theme.space(6)}`};
`;

export const SourceButton = styled.button`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(2)};
  padding: ${({ theme }) => theme.space(2)};
  border: 2px solid transparent;
  border-radius: ${({ theme }) => theme.radius.md};
  background: ${({ theme }) => theme.color.surfaceRaised};
  color: inherit;
  font: inherit;
  text-align: left;
  cursor: pointer;
  &:hover {
    background: ${({ theme }) => theme.color.surfaceHover};
  }
  &[aria-checked='true'] {
    border-color: ${({ theme }) => theme.color.accent};
  }
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.color.focus};
    outline-offset: 2px;
  }
`;

export const Thumbnail = styled.div`
  aspect-ratio: 16 / 9;
  display: flex;
  align-items: center;
  justify-content: center;
  border-radius: ${({ theme }) => theme.radius.sm};
  background: ${({ theme }) => theme.color.stage};
  color: ${({ theme }) => theme.color.onStageMuted};
  font-size: ${({ theme }) => theme.font.size.sm};
  overflow: hidden;
  img {
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
`;

export const SourceName = styled.span`
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(2)};
  font-size: ${({ theme }) => theme.font.size.sm};
  overflow: hidden;
  white-space: nowrap;
  text-overflow: ellipsis;
  img {
    width: 16px;
    height: 16px;
    flex: none;
  }
`;

export const Empty = styled.p`
  grid-column: 1 / -1;
  margin: ${({ theme }) => theme.space(8)} 0;
  text-align: center;
  color: ${({ theme }) => theme.color.textMuted};
`;

export const Footer = styled.div`
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(3)};
  padding: ${({ theme }) => `${theme.space(4)} ${theme.space(6)}`};
  border-top: 1px solid ${({ theme }) => theme.color.border};
  label {
    display: flex;
    align-items: center;
    gap: ${({ theme }) => theme.space(2)};
    margin-right: auto;
    font-size: ${({ theme }) => theme.font.size.sm};
  }
`;

export const Spacer = styled.span`
  margin-right: auto;
`;
