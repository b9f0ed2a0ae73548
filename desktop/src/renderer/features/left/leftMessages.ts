/** The "You left" screen's sentences, in one place (to move into a message catalog later). */
export const leftMessages = {
  title: 'You left the meeting',
  text: (code: string) => `You can rejoin meeting ${code} while it is still going.`,
  rejoin: 'Rejoin',
  home: 'Home',
};
