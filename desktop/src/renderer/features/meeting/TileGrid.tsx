import type { ReactNode } from 'react';
import styled from 'styled-components';

const GAP = 12;

const Area = styled.div`
  container-type: size;
  min-height: 0;
  min-width: 0;
  height: 100%;
`;

const Grid = styled.section<{ $columns: number; $rows: number }>`
  height: 100%;
  display: flex;
  flex-wrap: wrap;
  justify-content: center;
  align-content: center;
  gap: ${GAP}px;
  & > * {
    /* As wide as the columns allow, but never so tall that the rows overflow: tiles stay 16:9. */
    width: min(
      calc((100cqw - ${({ $columns }) => ($columns - 1) * GAP}px) / ${({ $columns }) => $columns}),
      calc((100cqh - ${({ $rows }) => ($rows - 1) * GAP}px) / ${({ $rows }) => $rows} * 16 / 9)
    );
  }
`;

const Strip = styled.section`
  display: flex;
  flex-direction: column;
  gap: ${GAP}px;
  overflow-y: auto;
  min-height: 0;
  padding-right: 2px;
  @media (max-width: 820px) {
    flex-direction: row;
    overflow-x: auto;
    & > * {
      flex: 0 0 200px;
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

/** Every tile as large as the space allows, or, while a screen is shown, a narrow strip beside it. */
export function TileGrid({ count, strip, children }: { count: number; strip: boolean; children: ReactNode }) {
  if (strip) return <Strip aria-label="Participants">{children}</Strip>;
  const columns = columnsFor(count);
  const rows = Math.max(1, Math.ceil(count / columns));
  return (
    <Area>
      <Grid $columns={columns} $rows={rows} aria-label="Participants">
        {children}
      </Grid>
    </Area>
  );
}
