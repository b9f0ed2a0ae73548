/** The app shell's sentences, in one place (to move into a message catalog later). */
export const appMessages = {
  confirmLeave: 'Leave the meeting? Your call will end.',
  invalidInvite: 'That is not a meeting link. Check the link you were sent, or enter the meeting code below.',
};
