/**
 * Turns the remote client's terse failures into messages that say what to fix. @libsql/client reports
 * a refused token as "SERVER_ERROR: Server returned HTTP status 401" and an unreachable server as a bare
 * "fetch failed"; neither names DATABASE_URL or DATABASE_AUTH_TOKEN.
 */
export function explainRemoteError(error: unknown, url: string): unknown {
  if (!(error instanceof Error)) return error;
  const where = serverOf(url);
  if (/HTTP status 401\b/.test(error.message)) {
    return new Error(
      `the libSQL server at ${where} refused the credentials (HTTP 401): check DATABASE_AUTH_TOKEN`,
      { cause: error },
    );
  }
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  if (error.message === 'fetch failed') {
    const reason = typeof code === 'string' ? code : String((error.cause as Error | undefined)?.message);
    return new Error(`cannot reach the libSQL server at ${where} (${reason}): check DATABASE_URL`, {
      cause: error,
    });
  }
  return error;
}

/** Scheme, host and port only: a URL may carry `?authToken=`, which must not reach logs. */
function serverOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'DATABASE_URL';
  }
}
