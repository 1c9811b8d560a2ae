import { isUserFacing, userMessage } from "../lib/errors";

/**
 * Runs a CLI entry point: user-facing failures print one sentence and exit 1. An unexpected
 * failure says what failed (the terminal is the user's own log) and how to see where.
 */
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error) => {
      if (isUserFacing(error)) console.error(userMessage(error));
      else {
        const what = (error instanceof Error ? error.message : String(error)).replace(/[.\s]+$/, "");
        console.error(`Unexpected error: ${what}. Set RAG_DEBUG=1 to see where it happened.`);
      }
      if (process.env.RAG_DEBUG && error instanceof Error) console.error(error.stack);
      process.exit(1);
    },
  );
}
