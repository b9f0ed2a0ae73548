import { z } from 'zod';
import { parseRow } from './parseRow.js';
import type { MeetingWithHost } from './Storage.js';

const meetingRow = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  host_id: z.string(),
  host_display_name: z.string(),
  created_at: z.number(),
  ended_at: z.number().nullable(),
});

/** The SELECT list `toMeetingWithHost` reads, over `meetings m JOIN users u ON u.id = m.host_id`. */
export const MEETING_WITH_HOST_COLUMNS =
  'm.id, m.code, m.title, m.host_id, u.display_name AS host_display_name, m.created_at, m.ended_at';

/** A meeting row joined with its host, from either adapter, checked; null when there was no row. */
export function toMeetingWithHost(row: unknown): MeetingWithHost | null {
  const r = parseRow(meetingRow, row);
  if (!r) return null;
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    hostId: r.host_id,
    hostDisplayName: r.host_display_name,
    createdAt: r.created_at,
    endedAt: r.ended_at,
  };
}
