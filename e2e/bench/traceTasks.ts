/** The trace categories `longestTasks` needs: each main-thread task with its wall and thread (CPU) time, user marks. */
export const TASK_TRACE_CATEGORIES = ['toplevel', 'blink.user_timing'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface LongestTask {
  /** Wall-clock duration of the longest task, ms (what a PerformanceObserver `longtask` entry reports). */
  wallMs: number;
  /**
   * The largest thread (CPU) time of one task, ms: the work itself, without the time the thread waited for a core
   * on a loaded machine (or on another thread: a synchronous call shows only its own CPU).
   */
  cpuMs: number;
  /** The CPU all the main thread's tasks used together in the window, ms (how much work the page did). */
  totalCpuMs: number;
}

/**
 * The longest tasks on two renderers' main threads from `fromMark` on, in a Chromium trace taken with
 * `TASK_TRACE_CATEGORIES`: `marked` is the renderer whose page made the user-timing mark `fromMark`
 * (performance.mark), `other` the other renderer in the trace.
 */
export function longestTasks(trace: Buffer, fromMark: string): { marked: LongestTask; other: LongestTask } {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mark = events.find((event) => event.name === fromMark);
  if (!mark) throw new Error(`the trace has no mark ${fromMark}`);
  const mainThreads = events.filter(
    (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
  );
  const markedThread = mainThreads.find((event) => event.pid === mark.pid);
  const otherThread = mainThreads.find((event) => event.pid !== mark.pid);
  const longest = (thread: TraceEvent | undefined): LongestTask => {
    const tasks = events.filter(
      (event) =>
        thread !== undefined &&
        event.pid === thread.pid &&
        event.tid === thread.tid &&
        event.ph === 'X' &&
        event.name === 'ThreadControllerImpl::RunTask' &&
        event.ts >= mark.ts,
    );
    const ms = (us: number | undefined) => Math.round((us ?? 0) / 100) / 10;
    return {
      wallMs: Math.max(0, ...tasks.map((task) => ms(task.dur))),
      cpuMs: Math.max(0, ...tasks.map((task) => ms(task.tdur))),
      totalCpuMs: ms(tasks.reduce((sum, task) => sum + (task.tdur ?? 0), 0)),
    };
  };
  return { marked: longest(markedThread), other: longest(otherThread) };
}

/** Top-level task events: the main and compositor threads' tasks, and the thread pools' (WebRTC's encoders among them). */
const TASK_EVENTS = new Set(['ThreadControllerImpl::RunTask', 'ThreadPool_RunTask']);

/**
 * CPU time (ms) each thread of the trace spent in tasks that started in the window `[from, from + ms)`, `from` being
 * the time of the user-timing mark `fromMark` plus `offsetMs` (negative: before it). Keyed "process thread": a
 * renderer is named by the role of the user-timing mark it made (`roles`: mark name → role), other processes by
 * Chromium's own name (Browser, GPU Process); numbered threads (ThreadPoolForegroundWorker3) count as one.
 */
export function threadCpuMs(
  trace: Buffer,
  fromMark: string,
  window: { offsetMs: number; ms: number },
  roles: Readonly<Record<string, string>>,
): Map<string, number> {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mark = events.find((event) => event.name === fromMark);
  if (!mark) throw new Error(`the trace has no mark ${fromMark}`);
  const processes = new Map<number, string>();
  const threads = new Map<string, string>();
  for (const event of events) {
    if (event.ph !== 'M') continue;
    if (event.name === 'process_name') processes.set(event.pid, event.args?.name ?? String(event.pid));
    if (event.name === 'thread_name') threads.set(`${event.pid}:${event.tid}`, event.args?.name ?? String(event.tid));
  }
  for (const event of events) {
    const role = roles[event.name];
    if (role) processes.set(event.pid, role);
  }
  const from = mark.ts + window.offsetMs * 1000;
  const until = from + window.ms * 1000;
  const cpu = new Map<string, number>();
  for (const event of events) {
    if (event.ph !== 'X' || !TASK_EVENTS.has(event.name) || event.ts < from || event.ts >= until) continue;
    const thread = (threads.get(`${event.pid}:${event.tid}`) ?? '?').replace(/\d+$/, '');
    const key = `${processes.get(event.pid) ?? event.pid} ${thread}`;
    cpu.set(key, (cpu.get(key) ?? 0) + (event.tdur ?? 0) / 1000);
  }
  return cpu;
}
