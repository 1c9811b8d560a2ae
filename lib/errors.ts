/**
 * Errors whose message is safe and useful to show a user as is (CLI, chat, eval).
 * Anything else is an internal error and is reported generically.
 */
export class UserFacingError extends Error {
  override name = "UserFacingError";
}

export class IndexMissingError extends UserFacingError {
  override name = "IndexMissingError";
}

export class IndexCorruptError extends UserFacingError {
  override name = "IndexCorruptError";
}

export class EmbedderMismatchError extends UserFacingError {
  override name = "EmbedderMismatchError";
}

/** The LLM or embeddings provider failed after retries. */
export class ProviderError extends UserFacingError {
  override name = "ProviderError";
}

export class CorpusError extends UserFacingError {
  override name = "CorpusError";
}

/** Whether the error says something the user can act on (rather than an internal failure). */
export function isUserFacing(error: unknown): boolean {
  return error instanceof UserFacingError || (error instanceof Error && (error.name === "ConfigError" || error.name === "AbortError"));
}

export function userMessage(error: unknown): string {
  if (error instanceof Error && error.name === "AbortError") return "The request was cancelled.";
  if (isUserFacing(error)) return (error as Error).message;
  return "Something went wrong while answering. Check the server log for details.";
}
