import type { ReactNode } from 'react';
import styled from 'styled-components';
import { NARROW } from '../../ui/components/Responsive.js';
import { TileAvatarSize } from '../meeting/TileAvatarSize.js';
import { TileGrid } from '../meeting/TileGrid.js';
import { stripOrder, type StageLayout } from './stageLayout.js';

/** Where a tile is drawn: sizes its initials (camera off) to the space. */
export type TilePlace = 'grid' | 'large' | 'strip';

/**
 * The large area and, when someone is large or a screen is shown, the strip beside it (below it on narrow screens).
 * `data-strip` switches the columns, so a share starting adds no new style rule.
 */
const Body = styled.main`
  flex: 1;
  min-width: 0;
  min-height: 0;
  display: grid;
  grid-template-columns: minmax(0, 1fr);
  gap: 12px;
  padding: ${({ theme }) => `${theme.space(3)} ${theme.space(5)} 0`};
  &[data-strip='true'] {
    grid-template-columns: minmax(0, 1fr) 240px;
  }
  @media ${NARROW} {
    padding: ${({ theme }) => `${theme.space(2)} ${theme.space(3)} 0`};
  }
  @media (max-width: 820px) {
    grid-template-rows: minmax(0, 1fr);
    &[data-strip='true'] {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: minmax(0, 1fr) auto;
    }
  }
`;

/** One person as large as the area allows, 16:9, centred. */
const Large = styled.section`
  container-type: size;
  min-width: 0;
  min-height: 0;
  display: grid;
  place-items: center;
  & > * {
    width: min(100cqw, calc(100cqh * 16 / 9));
  }
`;

export interface MeetingStageProps {
  layout: StageLayout;
  /** Everyone's peer id, ourselves first. */
  people: readonly string[];
  pinned: string | null;
  /** The shared screen, shown while the layout is `screen`. */
  screen: ReactNode;
  tile(peerId: string, place: TilePlace): ReactNode;
  /** Names the large area for assistive tech (whose tile it holds). */
  largeLabel: string;
}

/** The meeting's tiles in the chosen layout: gallery, one person large with a strip, or a shared screen with a strip. */
export function MeetingStage({ layout, people, pinned, screen, tile, largeLabel }: MeetingStageProps) {
  const strip = stripOrder(layout, people, pinned);
  const withStrip = strip.length > 0;
  return (
    <Body data-strip={withStrip ? 'true' : 'false'} data-testid="stage" data-layout={layout.kind}>
      {layout.kind === 'screen' ? screen : null}
      {layout.kind === 'focus' ? (
        <Large data-testid="stage-large" aria-label={largeLabel}>
          <TileAvatarSize value={avatarSizeFor('large')}>{tile(layout.large, 'large')}</TileAvatarSize>
        </Large>
      ) : null}
      {/* One container in every layout: the tiles stay mounted when a share starts (see TileGrid), and only their
          initials follow the new size (TileAvatarSize). */}
      {layout.kind === 'gallery' || withStrip ? (
        <TileGrid count={people.length} strip={withStrip}>
          <TileAvatarSize value={avatarSizeFor(layout.kind === 'gallery' ? 'grid' : 'strip')}>
            {layout.kind === 'gallery'
              ? people.map((peerId) => tile(peerId, 'grid'))
              : strip.map((peerId) => tile(peerId, 'strip'))}
          </TileAvatarSize>
        </TileGrid>
      ) : null}
    </Body>
  );
}

/** The size of a camera-off tile's initials in each place. */
function avatarSizeFor(place: TilePlace): number {
  return place === 'strip' ? 48 : place === 'large' ? 112 : 72;
}
