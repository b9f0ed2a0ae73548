import { useEffect, useRef } from 'react';
import styled from 'styled-components';

const Video = styled.video<{ $mirrored: boolean; $fit: 'cover' | 'contain'; $hidden: boolean }>`
  width: 100%;
  height: 100%;
  display: block;
  object-fit: ${({ $fit }) => $fit};
  transform: ${({ $mirrored }) => ($mirrored ? 'scaleX(-1)' : 'none')};
  opacity: ${({ $hidden }) => ($hidden ? 0 : 1)};
  background: transparent;
`;

export interface StreamVideoProps {
  stream: MediaStream | null;
  /** Own media is always muted (no echo); remote media plays its audio through this element. */
  muted: boolean;
  mirrored?: boolean;
  fit?: 'cover' | 'contain';
  /** Keeps playing (audio!) but shows nothing, e.g. while the camera is off. */
  hidden?: boolean;
  testId?: string;
  label?: string;
}

/**
 * A <video> showing a MediaStream held by the call core. The stream is attached imperatively
 * (srcObject), never stored in React state.
 */
export function StreamVideo({
  stream,
  muted,
  mirrored = false,
  fit = 'cover',
  hidden = false,
  testId,
  label,
}: StreamVideoProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video || video.srcObject === stream) return;
    video.srcObject = stream;
    if (stream) {
      video.play().catch((error: unknown) => {
        // Autoplay can be refused before any click; the next user gesture resumes it. Any other refusal (a newer
        // stream interrupted this one's start) needs nothing: the next press must not run a play for each video.
        if ((error as { name?: unknown } | null)?.name !== 'NotAllowedError') return;
        const resume = () => void video.play().catch(() => undefined);
        window.addEventListener('pointerdown', resume, { once: true });
      });
    }
  }, [stream]);
  useEffect(() => {
    const video = ref.current;
    return () => {
      if (video) video.srcObject = null;
    };
  }, []);
  return (
    <Video
      ref={ref}
      autoPlay
      playsInline
      muted={muted}
      $mirrored={mirrored}
      $fit={fit}
      $hidden={hidden}
      data-testid={testId}
      aria-label={label}
    />
  );
}
