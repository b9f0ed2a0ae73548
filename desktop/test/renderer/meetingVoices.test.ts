import { describe, expect, it } from 'vitest';
import { meetingVoices } from '../../src/renderer/features/stage/meetingVoices.js';
import { FakeMediaStream, FakeTrack, storeWithAdaBobAndCem } from './support/meetingDoubles.js';

/** Ada (us) with Bob and Cem, whose camera streams (with their voices) we receive. */
function meeting() {
  const store = storeWithAdaBobAndCem({ audio: true, video: true, screen: false });
  const streams = new Map<string, MediaStream>();
  for (const peerId of ['b-peer', 'c-peer']) {
    const stream = new FakeMediaStream([new FakeTrack('audio'), new FakeTrack('video')]) as unknown as MediaStream;
    streams.set(peerId, stream);
    store.dispatch({ type: 'stream-changed', peerId, kind: 'camera', streamId: stream.id });
  }
  return { state: store.state, stream: (peerId: string) => streams.get(peerId) ?? null };
}

describe('everyone’s voice as the client has it', () => {
  const microphone = new FakeTrack('audio') as unknown as MediaStreamTrack;

  it('on the mesh: our microphone and the audio of each stream received', () => {
    const { state, stream } = meeting();
    expect(meetingVoices(state, microphone, stream)).toEqual([
      { peerId: 'a-peer', track: microphone, unmuted: true },
      { peerId: 'b-peer', track: stream('b-peer')!.getAudioTracks()[0], unmuted: true },
      { peerId: 'c-peer', track: stream('c-peer')!.getAudioTracks()[0], unmuted: true },
    ]);
  });

  it('a voice the SFU carries comes with Janus’s word and without its track (its level is not measured here)', () => {
    const { state, stream } = meeting();
    // The SFU carries Bob (talking) and Cem (silent); our own voice is still our microphone.
    const talkingBySfu = (peerId: string) => (peerId === 'b-peer' ? true : peerId === 'c-peer' ? false : null);
    expect(meetingVoices(state, microphone, stream, talkingBySfu)).toEqual([
      { peerId: 'a-peer', track: microphone, unmuted: true },
      { peerId: 'b-peer', talking: true, unmuted: true },
      { peerId: 'c-peer', talking: false, unmuted: true },
    ]);
  });
});
