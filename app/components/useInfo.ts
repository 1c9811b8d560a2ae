"use client";
import { useCallback, useEffect, useState } from "react";
import type { InfoResponse } from "@/app/shared";

export type InfoState =
  | { status: "loading" }
  | { status: "ready"; data: InfoResponse }
  | { status: "error"; message: string };

/** Loads GET /api/info (index stats, mode label, starter questions); `reload` retries. */
export function useInfo(): InfoState & { reload: () => void } {
  const [state, setState] = useState<InfoState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    fetch("/api/info", { signal: controller.signal, cache: "no-store" })
      .then(async (res) => {
        const body = (await res.json().catch(() => null)) as (InfoResponse & { error?: string }) | null;
        if (!res.ok || !body?.info) throw new Error(body?.error ?? `The server answered ${res.status}.`);
        setState({ status: "ready", data: body });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: "error", message: error instanceof Error ? error.message : "Could not reach the server." });
      });
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
