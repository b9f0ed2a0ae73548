import type { Unsubscribe } from '../util/emitter.js';
import type { MediaFailure } from './mediaFailure.js';

export interface WatchdogCallbacks {
  connected(): void;
  /** ICE lost its path for now; the browser may still recover it. */
  interrupted(): void;
  failed(failure: MediaFailure): void;
}

/**
 * Watches one RTCPeerConnection so that media that cannot connect is reported instead of showing a
 * black tile forever: ICE state changes, ICE candidate errors (a wrong TURN credential shows up only
 * there) and a deadline for reaching 'connected'.
 */
export function watchConnection(pc: RTCPeerConnection, timeoutMs: number, callbacks: WatchdogCallbacks): Unsubscribe {
  let done = false;
  let localCandidates = 0;
  const candidateErrors: number[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const arm = () => {
    disarm();
    timer = setTimeout(() => fail(relayRefused() ? 'relay-refused' : 'timeout'), timeoutMs);
  };
  const disarm = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const relayRefused = () => candidateErrors.some((code) => code === 401 || code === 403);
  const fail = (failure: MediaFailure) => {
    if (done) return;
    disarm();
    callbacks.failed(failure);
  };

  const onIceState = () => {
    switch (pc.iceConnectionState) {
      case 'connected':
      case 'completed':
        disarm();
        callbacks.connected();
        break;
      case 'disconnected':
        callbacks.interrupted();
        arm();
        break;
      case 'failed':
        fail(relayRefused() ? 'relay-refused' : 'ice-failed');
        break;
      case 'new':
      case 'checking':
      case 'closed':
        break;
    }
  };
  const onCandidate = (event: RTCPeerConnectionIceEvent) => {
    if (event.candidate?.candidate) localCandidates += 1;
  };
  const onCandidateError = (event: Event) => {
    const code = (event as RTCPeerConnectionIceErrorEvent).errorCode;
    if (typeof code === 'number') candidateErrors.push(code);
  };
  const onGathering = () => {
    // Gathering finished with nothing to offer the other side: this call cannot connect.
    if (pc.iceGatheringState === 'complete' && localCandidates === 0 && candidateErrors.length > 0) {
      fail(relayRefused() ? 'relay-refused' : 'no-route');
    }
  };

  pc.addEventListener('iceconnectionstatechange', onIceState);
  pc.addEventListener('icecandidate', onCandidate);
  pc.addEventListener('icecandidateerror', onCandidateError);
  pc.addEventListener('icegatheringstatechange', onGathering);
  arm();
  onIceState();

  return () => {
    done = true;
    disarm();
    pc.removeEventListener('iceconnectionstatechange', onIceState);
    pc.removeEventListener('icecandidate', onCandidate);
    pc.removeEventListener('icecandidateerror', onCandidateError);
    pc.removeEventListener('icegatheringstatechange', onGathering);
  };
}
