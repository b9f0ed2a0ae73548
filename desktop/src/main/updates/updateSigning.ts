/**
 * Whether an update this build downloads can be checked against the build's own code signature; updates are off
 * when it cannot (see updateGate). Windows: electron-updater checks a downloaded installer's Authenticode signer
 * against `publisherName` in resources/app-update.yml, which electron-builder writes only for a signed build; an
 * unsigned build (or one without app-update.yml) would run whatever installer a feed serves, so no feed is used,
 * not even one from policy. macOS: Squirrel.Mac itself requires the update to satisfy the running app's signature
 * (an unsigned app cannot update). Linux: packages carry no code signature; the feed's https and sha512 apply.
 */
export function updatesVerifiable(platform: NodeJS.Platform, appUpdateYml: string | null): boolean {
  if (platform !== 'win32') return true;
  return appUpdateYml !== null && hasPublisherName(appUpdateYml);
}

/** A top-level `publisherName:` with a value, inline (`publisherName: Wava Ltd`) or as a YAML list below it. */
function hasPublisherName(yml: string): boolean {
  const lines = yml.split(/\r?\n/);
  const index = lines.findIndex((line) => /^publisherName\s*:/.test(line));
  if (index < 0) return false;
  const inline = (lines[index] ?? '').replace(/^publisherName\s*:/, '').trim();
  if (inline !== '') return !/^(\[\s*\]|null|~|''|"")$/.test(inline);
  return /^\s+-\s*\S/.test(lines[index + 1] ?? '');
}
