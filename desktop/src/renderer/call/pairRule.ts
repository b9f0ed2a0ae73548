/**
 * Exactly one side of every pair places the camera call: the participant whose peer id is
 * lexicographically smaller. Both sides evaluate the same rule, so no call is placed twice.
 */
export function placesCameraCall(selfPeerId: string, otherPeerId: string): boolean {
  return selfPeerId < otherPeerId;
}
