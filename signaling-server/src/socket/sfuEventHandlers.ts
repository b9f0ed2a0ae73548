import { AppError } from '../errors/AppError.js';
import { findReadySeat, ownReadySeat, seatConnection } from './findReadySeat.js';
import type { EventHandlers } from './registerEventHandlers.js';
import type { SignalingContext } from './SignalingContext.js';
import type { WavaSocket } from './socketTypes.js';

/**
 * `sfu:credentials`: a ready seat's meeting mode and, in SFU mode, its credentials (src/sfu). `sfu:carried`: "their
 * media reaches me through the SFU", passed on to them with the sender's own peer id (it can only tell someone
 * of the sender's meeting about the sender).
 */
export function sfuEventHandlers(
  socket: WavaSocket,
  ctx: SignalingContext,
): Pick<EventHandlers, 'sfu:credentials' | 'sfu:carried'> {
  return {
    async 'sfu:credentials'(payload) {
      const { membership } = ownReadySeat(socket, ctx.rooms);
      return ctx.sfu.modeFor(membership.meetingId, membership.peerId, payload.refused);
    },

    async 'sfu:carried'({ peerId }) {
      const { membership } = ownReadySeat(socket, ctx.rooms);
      if (peerId === membership.peerId) throw new AppError('BAD_REQUEST');
      const seat = await findReadySeat(ctx, membership, peerId);
      if (seat) seatConnection(ctx, seat).emit('sfu:carried', { peerId: membership.peerId });
      return null;
    },
  };
}
