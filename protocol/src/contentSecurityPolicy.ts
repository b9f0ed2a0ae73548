/** Where the renderer may connect to and load scripts from: the only parts of its policy that differ by host. */
export interface RendererCspSources {
  /** `connect-src`: `'self'` and the Wava server's http(s) and ws(s) origins (HTTP API, Socket.io, PeerJS). */
  connect: readonly string[];
  /** `script-src`; by default only `'self'`. */
  script?: readonly string[];
}

/**
 * The Content-Security-Policy of the renderer, wherever it runs: the desktop app sends it from its main process,
 * the server sends it with the web client. Nothing loads by default; scripts only from the app itself; inline
 * styles (styled-components injects <style> elements at run time; inline scripts stay forbidden); images from
 * data:/blob:; media from blobs and live camera/screen streams; no plugins, frames, <base> or form posts.
 */
export function rendererContentSecurityPolicy(sources: RendererCspSources): string {
  const directives: Array<[string, readonly string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', sources.script ?? ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['media-src', ["'self'", 'blob:', 'mediastream:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', sources.connect],
    ['worker-src', ["'self'", 'blob:']],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['child-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}
