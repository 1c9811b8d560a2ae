import { userMessage } from "../lib/errors";

/** Runs a CLI entry point: user-facing failures print one sentence and exit 1. */
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error) => {
      const message = userMessage(error);
      console.error(message);
      if (process.env.RAG_DEBUG && error instanceof Error) console.error(error.stack);
      process.exit(1);
    },
  );
}
