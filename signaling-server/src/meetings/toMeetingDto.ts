import { buildInviteUrl, type Meeting } from '@wava/protocol';
import type { MeetingWithHost } from '../db/Storage.js';

export function toMeetingDto(meeting: MeetingWithHost, publicUrl: string): Meeting {
  return {
    code: meeting.code,
    title: meeting.title,
    hostId: meeting.hostId,
    hostDisplayName: meeting.hostDisplayName,
    createdAt: new Date(meeting.createdAt).toISOString(),
    endedAt: meeting.endedAt === null ? null : new Date(meeting.endedAt).toISOString(),
    inviteUrl: buildInviteUrl(publicUrl, meeting.code),
  };
}
