/**
 * A month of usage for the dashboard benchmark, generated inside SQLite (a recursive CTE; binding rows from
 * JavaScript is far slower): `records` generations evenly spread over `days` days ending at `endMs`, from
 * `users` people in 16 Discord guilds and 4 Slack teams, on three models, with realistic outcomes (done,
 * deleted, failed by class, blocked) and durations, and the last few minutes' jobs still running.
 */

export interface UsageShape {
  records: number;
  days: number;
  users: number;
  /** Epoch ms the data ends at (the benchmark's "now"). */
  endMs: number;
}

/** Jobs younger than this are still queued or generating. */
const RUNNING_MS = 2 * 60_000;

/** One INSERT … SELECT of rows `from` to `to - 1` (row 0 is the newest). */
export function insertUsageSql(shape: UsageShape, from: number, to: number): string {
  const stepMs = Math.floor((shape.days * 86_400_000) / shape.records);
  // Multiplicative hashes of the row number (kept below 2^63), so every field is reproducible.
  const r1 = '((i * 2654435761) % 4294967296)';
  const r2 = '(((i + 7919) * 2246822519) % 4294967296)';
  return `WITH RECURSIVE seq(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ${to}),
    h AS MATERIALIZED (SELECT i, ${r1} AS r1, ${r2} AS r2, ${shape.endMs} - 1 - i * ${stepMs} - (${r1} % ${stepMs}) AS at FROM seq),
    rows AS (
      SELECT i, r1, r2, at, r1 % ${shape.users} AS who,
        CASE WHEN at > ${shape.endMs - RUNNING_MS} THEN (CASE r2 % 2 WHEN 0 THEN 'queued' ELSE 'generating' END)
             WHEN (r2 / 7) % 100 < 86 THEN 'done' WHEN (r2 / 7) % 100 < 89 THEN 'deleted'
             WHEN (r2 / 7) % 100 < 97 THEN 'failed' ELSE 'blocked' END AS status,
        -- Request → result 1.5 s … ~2 min, skewed toward the short end.
        1500 + ((r2 / 1000) % 300) * ((r2 / 300000) % 400) AS took
      FROM h)
    INSERT INTO generations (id, created_at, updated_at, platform, workspace_id, channel_id, user_id,
      catalog_id, options, extra, aspect, prompt_hash, seed, model, status, error_class, attempts,
      submitted_at, started_at, finished_at, cost_micros)
    SELECT printf('%08x-%04x-4000-8000-%012x', r1, r2 % 65536, i), at, at + took,
      CASE WHEN who % 5 = 0 THEN 'slack' ELSE 'discord' END,
      CASE WHEN who % 5 = 0 THEN 'T0TEAM' || (who % 4) ELSE '11872635444198810' || printf('%02d', who % 16) END,
      'c1', CASE WHEN who % 5 = 0 THEN 'U1' || printf('%08d', who) ELSE '5' || printf('%017d', who) END,
      'capitao-caverna', '{"style":"comic-book"}', '', 'square', printf('%064x', i), r2 % 2147483647,
      CASE (r1 / 7) % 10 WHEN 0 THEN 'fal-ai/flux/dev' WHEN 1 THEN 'fal-ai/flux-pro' ELSE 'fal-ai/flux/schnell' END,
      status,
      CASE WHEN status = 'failed' THEN (CASE r1 % 3 WHEN 0 THEN 'retryable' WHEN 1 THEN 'user' ELSE 'fatal' END) END,
      1, at + 40 + took / 10, at + 40 + took / 10,
      CASE WHEN status IN ('queued', 'generating') THEN NULL ELSE at + took END,
      CASE WHEN status IN ('failed', 'queued', 'generating') THEN 0
           ELSE (CASE (r1 / 7) % 10 WHEN 0 THEN 26214 WHEN 1 THEN 52428 ELSE 3146 END) END
    FROM rows`;
}
