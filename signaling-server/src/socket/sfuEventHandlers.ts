import { AppError } from '../errors/AppError.js';
import type { EventHandlers } from './registerEventHandlers.js';
import type { SignalingContext } from './SignalingContext.js';
import type { WavaSocket } from './socketTypes.js';

/** `sfu:credentials`: a ready seat's meeting mode and, in SFU mode, its credentials (src/sfu). */
export function sfuEventHandlers(socket: WavaSocket, ctx: SignalingContext): Pick<EventHandlers, 'sfu:credentials'> {
  return {
    async 'sfu:credentials'(payload) {
      const membership = socket.data.membership;
      const entry = membership && ctx.rooms.get(membership.meetingId, membership.peerId);
      if (!membership || !entry || entry.socketId !== socket.id || !entry.ready) throw new AppError('NOT_IN_MEETING');
      return ctx.sfu.modeFor(membership.meetingId, membership.peerId, payload.refused);
    },
  };
}
