import type { ReactNode } from 'react';
import styled from 'styled-components';
import { useTranslation } from '../../i18n/useTranslation.js';

const GAP = 12;

/**
 * The tiles' one container in every layout: a grid filling the area (gallery), or a narrow strip beside the large
 * area (below it on narrow screens). The layout is switched by `data-strip`, not by another element or another
 * generated class, so a share starting or ending moves the tiles without remounting them (their videos keep
 * playing) and without new style rules.
 */
const Area = styled.div`
  min-height: 0;
  min-width: 0;
  height: 100%;
  &[data-strip='false'] {
    container-type: size;
  }
`;

interface Shape {
  columns: number;
  rows: number;
}

/** As wide as the columns allow, but never so tall that the rows overflow: tiles stay 16:9. */
const tileWidth = ({ columns, rows }: Shape) => `min(
      calc((100cqw - ${(columns - 1) * GAP}px) / ${columns}),
      calc((100cqh - ${(rows - 1) * GAP}px) / ${rows} * 16 / 9)
    )`;

const Grid = styled.section<{ $landscape: Shape; $portrait: Shape }>`
  height: 100%;
  display: flex;
  gap: ${GAP}px;
  [data-strip='false'] > & {
    flex-wrap: wrap;
    justify-content: center;
    align-content: center;
    & > * {
      width: ${({ $landscape }) => tileWidth($landscape)};
    }
    /* A tall area (a phone held upright): fewer columns, tiles stacked. */
    @container (orientation: portrait) {
      & > * {
        width: ${({ $portrait }) => tileWidth($portrait)};
      }
    }
  }
  [data-strip='true'] > & {
    flex-direction: column;
    overflow-y: auto;
    padding-right: 2px;
    @media (max-width: 820px) {
      flex-direction: row;
      overflow-x: auto;
      & > * {
        flex: 0 0 200px;
      }
    }
  }
`;

/** Columns for a balanced grid of `count` tiles. */
export function columnsFor(count: number): number {
  if (count <= 1) return 1;
  if (count <= 4) return 2;
  if (count <= 9) return 3;
  return 4;
}

/** Columns for `count` tiles in an area taller than wide. */
export function portraitColumnsFor(count: number): number {
  if (count <= 3) return 1;
  if (count <= 8) return 2;
  return 3;
}

function shape(count: number, columns: number): Shape {
  return { columns, rows: Math.max(1, Math.ceil(count / columns)) };
}

/**
 * Every tile as large as the space allows, or, while someone is large or a screen is shown, a narrow strip beside
 * it. `count` is everyone's tile, the same in both (the grid's columns are for all of them).
 */
export function TileGrid({ count, strip, children }: { count: number; strip: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Area data-strip={strip ? 'true' : 'false'}>
      <Grid
        $landscape={shape(count, columnsFor(count))}
        $portrait={shape(count, portraitColumnsFor(count))}
        aria-label={t('meeting.participants')}
      >
        {children}
      </Grid>
    </Area>
  );
}
