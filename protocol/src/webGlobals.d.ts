/**
 * The web-platform globals protocol uses, which the browser and Node both provide. Declared here so that protocol
 * is checked without the DOM's types (which code the server runs must not see) and without Node's (which the
 * renderer cannot use): whatever else protocol reaches for does not compile.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly hostname: string;
  readonly origin: string;
  readonly password: string;
  readonly pathname: string;
  readonly protocol: string;
  readonly searchParams: { get(name: string): string | null };
  readonly username: string;
  toString(): string;
}
declare class AbortSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
}
declare class AbortController {
  readonly signal: AbortSignal;
  abort(): void;
}
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;
