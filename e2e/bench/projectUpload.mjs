// The upload a Wava participant is allowed at n people by the sender budget (the call core's own policy,
// desktop/src/renderer/call/senderBudget.ts, bundled on the fly so the bench uses the shipped numbers).
import { buildSync } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = join(dirname(fileURLToPath(import.meta.url)), '../../desktop/src/renderer/call/senderBudget.ts');
const { outputFiles } = buildSync({ entryPoints: [source], bundle: true, format: 'esm', write: false });
const { senderBudget, AUDIO_BPS } = await import(`data:text/javascript,${encodeURIComponent(outputFiles[0].text)}`);

/** kbps one person sends at n people with the camera on (360p capture), audio included. */
export function projectedUploadKbps(n) {
  const { camera } = senderBudget({ participants: n, sharingScreen: false, cameraHeight: 360 });
  return ((camera.maxBitrate + AUDIO_BPS) * (n - 1)) / 1000;
}
