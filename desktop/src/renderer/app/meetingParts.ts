// What loadMeetingModule() fetches as one chunk.
export { MeetingClient } from '../call/meetingClient.js';
export { MeetingScreen } from '../features/meeting/MeetingScreen.js';
