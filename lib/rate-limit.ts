/**
 * A small fixed-window rate limiter keyed by client (IP or "local").
 * In-memory and per process: enough for a single-node deployment; a shared store
 * would be needed behind a load balancer.
 */

export interface RateLimitResult {
  allowed: boolean;
  /** Requests left in the current window (0 when refused). */
  remaining: number;
  /** Seconds until the window resets. */
  retryAfterSeconds: number;
}

interface Window {
  start: number;
  count: number;
}

const WINDOW_MS = 60_000;
/** Above this many tracked clients, expired windows are swept before adding one. */
const SWEEP_THRESHOLD = 10_000;

export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  check(key: string): RateLimitResult {
    if (this.limitPerMinute <= 0) return { allowed: true, remaining: Infinity, retryAfterSeconds: 0 };
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (!window && this.windows.size >= SWEEP_THRESHOLD) this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
    if (window.count >= this.limitPerMinute) return { allowed: false, remaining: 0, retryAfterSeconds };
    window.count += 1;
    return { allowed: true, remaining: this.limitPerMinute - window.count, retryAfterSeconds };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= WINDOW_MS) this.windows.delete(key);
    }
  }
}

/**
 * The client key: the last address in `x-forwarded-for`, the one the nearest reverse proxy
 * appended (addresses before it are whatever the client sent, so a client could rotate them
 * to dodge the limit), else `x-real-ip`, else "local". Without a proxy in front, a client
 * can still set these headers itself; the README says to run a public instance behind one.
 */
export function clientKey(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  const key = forwarded || headers.get("x-real-ip")?.trim() || "local";
  return key.slice(0, 100);
}

// One limiter per process and limit, kept on globalThis so dev-mode module reloads share it.
const globalLimiters = globalThis as typeof globalThis & { __ragRateLimiters?: Map<number, FixedWindowRateLimiter> };

export function sharedRateLimiter(limitPerMinute: number): FixedWindowRateLimiter {
  const limiters = (globalLimiters.__ragRateLimiters ??= new Map());
  let limiter = limiters.get(limitPerMinute);
  if (!limiter) {
    limiter = new FixedWindowRateLimiter(limitPerMinute);
    limiters.set(limitPerMinute, limiter);
  }
  return limiter;
}
