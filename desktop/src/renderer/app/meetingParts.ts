// What loadMeetingModule() fetches as one chunk.
export { MeetingClient } from '../call/meetingClient.js';
export { MeetingScreen } from '../features/meeting/MeetingScreen.js';
export { MeetingSignaling } from '../call/meetingSignaling.js';
export { LobbyClient } from '../features/lobby/lobbyClient.js';
