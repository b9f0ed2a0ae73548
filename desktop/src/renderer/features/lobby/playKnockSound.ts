let context: AudioContext | null = null;

/**
 * A soft two-note chime: someone is knocking. Web Audio, no file to load; silent where audio cannot play (no
 * AudioContext, or the page has not been interacted with yet).
 */
export function playKnockSound(): void {
  try {
    context ??= new AudioContext();
    const at = context.currentTime;
    for (const [offset, frequency] of [
      [0, 660],
      [0.16, 880],
    ] as const) {
      const tone = context.createOscillator();
      const gain = context.createGain();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at + offset);
      gain.gain.exponentialRampToValueAtTime(0.12, at + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + offset + 0.3);
      tone.connect(gain).connect(context.destination);
      tone.start(at + offset);
      tone.stop(at + offset + 0.32);
    }
  } catch {
    // No sound is better than a broken meeting screen.
  }
}
