import { writeFileSync } from 'node:fs';

const SAMPLE_RATE = 48_000;

/**
 * Writes a WAV (48 kHz, mono, 16-bit) of loud speech-like sound for Chromium's fake microphone
 * (`--use-file-for-fake-audio-capture`, which loops it): syllables of a voiced tone (a gliding pitch of 110 to
 * 190 Hz with its harmonics, as a vowel has) at about -8 dBFS, each 160 to 260 ms with short gaps between words,
 * over `seconds`. Unlike Chromium's default fake microphone (a short beep each second) it keeps the audio level a
 * talking person's microphone has, so an SFU that decides from average levels (Janus) hears someone talking.
 */
export function writeSpeechWav(path: string, seconds = 4): void {
  const samples = new Int16Array(SAMPLE_RATE * seconds);
  let at = 0;
  let syllable = 0;
  let phase = 0;
  while (at < samples.length) {
    const length = Math.round(SAMPLE_RATE * (0.16 + 0.1 * ((syllable * 7) % 5) * 0.25));
    const gap = Math.round(SAMPLE_RATE * (syllable % 4 === 3 ? 0.12 : 0.04));
    const from = 110 + ((syllable * 37) % 80);
    const to = from + (syllable % 2 === 0 ? 25 : -20);
    const ramp = Math.round(SAMPLE_RATE * 0.02);
    for (let i = 0; i < length && at + i < samples.length; i += 1) {
      const pitch = from + ((to - from) * i) / length;
      phase += (2 * Math.PI * pitch) / SAMPLE_RATE;
      let voiced = 0;
      for (let harmonic = 1; harmonic <= 12; harmonic += 1) voiced += Math.sin(harmonic * phase) / harmonic;
      const envelope = Math.min(1, i / ramp, (length - i) / ramp);
      samples[at + i] = Math.round(voiced * envelope * 0.3 * 32_767);
    }
    at += length + gap;
    syllable += 1;
  }
  writeFileSync(path, wav(samples));
}

function wav(samples: Int16Array): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
