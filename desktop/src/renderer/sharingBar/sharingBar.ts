import type { SharingBarBridge } from '../../shared/WavaBridge.js';

/**
 * The "You are sharing" bar: its own tiny window (hidden from the capture by the shell). Stop asks the Wava
 * window to stop sharing; the shell closes this bar when the share has ended.
 */
const bridge = (window as { wavaSharingBar?: SharingBarBridge }).wavaSharingBar;
const stop = document.getElementById('stop');

if (bridge && stop instanceof HTMLButtonElement) {
  stop.addEventListener('click', () => {
    stop.disabled = true;
    stop.textContent = 'Stopping…';
    bridge.stop();
  });
} else if (stop) {
  stop.hidden = true;
}
