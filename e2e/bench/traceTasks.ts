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
    };
  };
  return { marked: longest(markedThread), other: longest(otherThread) };
}
