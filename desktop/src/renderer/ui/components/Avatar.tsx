import styled from 'styled-components';

const Circle = styled.span<{ $size: number; $hue: number }>`
  display: inline-grid;
  place-items: center;
  width: ${({ $size }) => $size}px;
  height: ${({ $size }) => $size}px;
  border-radius: 50%;
  background: hsl(${({ $hue }) => $hue} 45% 38%);
  color: #fff;
  font-weight: ${({ theme }) => theme.font.weight.bold};
  font-size: ${({ $size }) => Math.round($size * 0.38)}px;
  user-select: none;
`;

/** Initials on a colour derived from the name, so each person keeps their colour on every screen. */
export function Avatar({ name, size = 40 }: { name: string; size?: number }) {
  return (
    <Circle $size={size} $hue={hueOf(name)} aria-hidden="true">
      {initialsOf(name)}
    </Circle>
  );
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => [...(word ?? '')][0]?.toUpperCase() ?? '').join('') || '?';
}

function hueOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % 360;
}
