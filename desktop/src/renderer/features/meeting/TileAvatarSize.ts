import { createContext } from 'react';

/**
 * How large a camera-off tile draws its initials, set by where the tiles are drawn (MeetingStage: grid, strip,
 * large). A context and not a tile prop: when a share starts or ends the tiles move to the strip and back, and only
 * the initials follow, without the tiles (their names, labels and videos) rendering again.
 */
export const TileAvatarSize = createContext(72);
