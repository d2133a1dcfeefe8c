// Polls fn every `ms` (the next run starts when the previous one finished, so slow answers never
// pile up). Returns the stop function.
export function poll(fn: () => Promise<boolean | void>, ms: number): () => void {
  let stopped = false;
  let timer: number | undefined;
  const run = async () => {
    if (stopped) return;
    let again: boolean | void = true;
    try {
      again = await fn();
    } catch (e) {
      console.warn('refresh failed', e);
    }
    if (!stopped && again !== false) timer = window.setTimeout(run, ms);
  };
  void run();
  return () => {
    stopped = true;
    if (timer !== undefined) window.clearTimeout(timer);
  };
}
