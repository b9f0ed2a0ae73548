// js-yaml comes with electron-builder and electron-updater (which read the same YAML); it ships no types.
declare module 'js-yaml' {
  export function load(text: string): unknown;
  const yaml: { load: typeof load };
  export default yaml;
}
