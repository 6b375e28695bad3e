// Waiting that an AbortSignal cuts short: the default `sleep`, and `abortable` for any promise.

// The default `sleep`: a timer that an AbortSignal cancels (rejecting with the signal's reason).
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<void>((resolve) => timer = setTimeout(resolve, ms));
  return signal ? abortable(done, signal).finally(() => clearTimeout(timer)) : done;
}

// Settles as `promise` does, or rejects with the signal's reason when it aborts first (at once when it
// already has); it stops listening to the signal when settled.
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  let stop = () => {};
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(signal.reason);
    if (signal.aborted) stop();
    else signal.addEventListener("abort", stop);
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener("abort", stop));
}
