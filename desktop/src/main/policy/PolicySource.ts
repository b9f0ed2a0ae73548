/** The outcome of reading one place where policy may live. */
export type PolicyRead =
  /** Nothing there: the normal case on unmanaged computers. */
  | { kind: 'absent' }
  | { kind: 'found'; values: Record<string, unknown> }
  /** Something there that cannot be read: reported, and that whole source ignored. */
  | { kind: 'unreadable'; problem: string };

export interface PolicySource {
  /** Where it reads from, for reports: a path or a registry key. */
  readonly name: string;
  read(): Promise<PolicyRead>;
}

/** Runs a system tool (reg.exe, plutil) and gives its output; behind an interface so the parsing is testable. */
export interface CommandRunner {
  run(file: string, args: readonly string[]): Promise<{ exitCode: number; stdout: string }>;
}
