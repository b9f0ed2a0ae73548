/* global io, Peer, window, document, location -- a browser page; io and Peer come from the vendor scripts */
// The bare client: camera first (like a pre-join preview), then on Join: Socket.io, a PeerJS id from the
// PeerServer, "join" with it, and a call to everyone already there. Screen share swaps the camera track with
// replaceTrack. No limits on what is sent.
const room = new URLSearchParams(location.search).get('room') || 'bench';
const calls = [];
const media = navigator.mediaDevices.getUserMedia({
  audio: true,
  video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24, max: 30 } },
});
function show(call) {
  calls.push(call);
  call.on('stream', (stream) => {
    if (document.getElementById(call.peer)) return;
    const video = document.createElement('video');
    video.id = call.peer;
    video.autoplay = true;
    video.muted = true;
    video.srcObject = stream;
    document.getElementById('videos').append(video);
  });
}
document.getElementById('join').addEventListener('submit', async (event) => {
  event.preventDefault();
  const stream = await media;
  const socket = io();
  const peer = new Peer(undefined, {
    host: location.hostname,
    port: Number(location.port),
    path: '/peerjs',
    config: { iceServers: [] },
  });
  peer.on('open', (id) => {
    socket.emit('join', { room, peerId: id });
    window.__bareJoined = true;
  });
  peer.on('call', (call) => {
    call.answer(stream);
    show(call);
  });
  socket.on('peers', (ids) => {
    for (const id of ids) show(peer.call(id, stream));
  });
});
document.querySelector('[data-testid="bare-share"]').addEventListener('click', async () => {
  const screen = await navigator.mediaDevices.getDisplayMedia({ video: { width: 1280, height: 720 } });
  const [track] = screen.getVideoTracks();
  track.contentHint = 'detail';
  for (const call of calls) {
    const sender = call.peerConnection.getSenders().find((s) => s.track && s.track.kind === 'video');
    await sender.replaceTrack(track);
  }
});
