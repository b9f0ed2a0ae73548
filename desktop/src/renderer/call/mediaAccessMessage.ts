/** The sentence for a camera or microphone that could not be started, from the DOMException name. */
export function mediaAccessMessage(error: unknown, device: 'camera' | 'microphone'): string {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : null;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Wava is not allowed to use your ${device}. Allow it in your browser or system settings, then try again.`;
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return `No ${device} was found. Connect one and try again.`;
    case 'NotReadableError':
    case 'TrackStartError':
      return `Your ${device} is in use by another app or could not be started.`;
    case 'OverconstrainedError':
      return `The chosen ${device} is not available any more. Pick another one.`;
    case 'AbortError':
      return `Starting your ${device} was interrupted. Please try again.`;
    default:
      return `Your ${device} could not be started.`;
  }
}
