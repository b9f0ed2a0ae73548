/**
 * Findings of the Electron security scanner (electronegativity) over the built app that were reviewed and
 * accepted, each with the reason. Anything it reports that is not listed here fails the test. Kept in step
 * with desktop/README.md ("Security review").
 */
export const ACCEPTED_FINDINGS: ReadonlyArray<{ issue: string; file: string; sample: RegExp; reason: string }> = [
  {
    issue: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/index.js',
    sample: /shell\.openExternal\(url\)/,
    reason:
      'The only generic openExternal: it receives URLs from the navigation policy, which parses them and passes web ' +
      'URLs only (https; http too for links opened in a new window), without credentials ' +
      '(desktop/test/main/navigationPolicy.test.ts).',
  },
  {
    issue: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/index.js',
    sample: /deps\.openExternal\(decision\.url\)/,
    reason:
      'The navigation guard hands over decision.url, which exists only for action "open-external" (http(s), parsed).',
  },
  {
    issue: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/index.js',
    sample: /openExternal\(SCREEN_RECORDING_SETTINGS\)/,
    reason:
      'A constant: the macOS Screen Recording privacy pane, opened when the person clicks "Open System Settings".',
  },
  {
    issue: 'CSP_GLOBAL_CHECK',
    file: 'main/index.js',
    sample: /N\/A/,
    reason:
      'The scanner cannot parse the CSP the main process builds at run time (it names the chosen server). Its exact ' +
      'directives are asserted in desktop/test/main/contentSecurityPolicy.test.ts: no inline or remote script.',
  },
  {
    issue: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    sample: /style-src 'self' 'unsafe-inline'/,
    reason:
      "style-src 'unsafe-inline' is needed by styled-components, which injects <style> at run time; scripts stay " +
      "'self'. The page's meta CSP allows any http(s)/ws(s) server because the same page is the web client; in the " +
      "desktop app the shell's header CSP narrows connect-src to the chosen server, and both apply.",
  },
  {
    issue: 'CSP_GLOBAL_CHECK',
    file: 'renderer/sharingBar/index.html',
    sample: /style-src 'self' 'unsafe-inline'/,
    reason: "The sharing bar's inline <style>; default-src 'none' and script-src 'self' otherwise.",
  },
];
