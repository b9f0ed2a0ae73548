import type { MeetingPresence } from '../platform/Platform.js';
import type { CallState } from './callState.js';

/**
 * What the shell is told about the call (tray, display sleep, updates, the close prompt). `sendingScreen`: our screen
 * is sent, from the share's start (sharePhase.ts), before our own view shows it in `state.local.screen`.
 */
export function presenceOf(state: CallState, sendingScreen: boolean): MeetingPresence {
  const inMeeting = state.phase === 'in-meeting';
  return {
    inMeeting,
    sharingScreen: inMeeting && sendingScreen,
    meetingCode: inMeeting ? (state.meeting?.code ?? null) : null,
    participantCount: inMeeting ? state.remotes.length + 1 : 0,
  };
}

export function samePresence(a: MeetingPresence | null, b: MeetingPresence): boolean {
  return (
    a !== null &&
    a.inMeeting === b.inMeeting &&
    a.sharingScreen === b.sharingScreen &&
    a.meetingCode === b.meetingCode &&
    a.participantCount === b.participantCount
  );
}
