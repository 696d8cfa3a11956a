/**
 * Bearer secrets that travel inside URLs and messages, which pino's path-based `redact` cannot reach: an
 * error's `url`, its message, a request line, a stack. Applied to each finished log line, so a field
 * anywhere (nested, in a child logger's bindings) is covered without knowing its name.
 *
 * Character classes stop at `"` and `\`: the input is a JSON line, and a secret never holds either.
 */
const SEGMENT = String.raw`[^/?#&"\\\s]+`;

/** Each rule: a cheap substring that must be present, the pattern, its replacement. */
const RULES: ReadonlyArray<readonly [string | RegExp, RegExp, string]> = [
  // Discord interaction and webhook tokens: /interactions/<id>/<token>/callback, /webhooks/<app>/<token>[/…]
  // (https://discord.com/developers/docs/interactions/receiving-and-responding#endpoints).
  ['s/', new RegExp(String.raw`(/(?:interactions|webhooks)/\d+/)${SEGMENT}`, 'g'), '$1[redacted]'],
  // Slack response_url and incoming webhooks: hooks.slack.com/{commands,actions,services,…}/<team>/<id>/<secret>;
  // everything after the team is the secret's part.
  [
    'hooks.slack',
    new RegExp(String.raw`(hooks\.slack(?:-gov)?\.com/[A-Za-z]+/${SEGMENT}/)[^?#"\\\s]+`, 'g'),
    '$1[redacted]',
  ],
  // Credentials in a query string (/admin?token=, signed gallery links' sig=, presigned S3/R2 URLs, API keys).
  [
    '=',
    /([?&](?:token|access_token|key|api_key|apikey|fal_key|auth|authToken|secret|sig|signature|code|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=)[^&#"\\\s]+/gi,
    '$1[redacted]',
  ],
  // user:password@ in any URL (redis://, libsql://, https://).
  ['@', /(\b[a-z][a-z0-9+.-]*:\/\/)[^/@"\\\s]+@/gi, '$1[redacted]@'],
  // Authorization header values written out as text (Discord "Bot", fal "Key", OAuth "Bearer").
  [/B(?:ot|earer|asic) |Key /, /\b(Bot|Bearer|Key|Basic) [A-Za-z0-9._~+/:=-]{16,}/g, '$1 [redacted]'],
  // Slack tokens wherever they appear.
  [/x(?:ox|app)/, /\bx(?:ox[abeoprs]|app)-[A-Za-z0-9-]+/g, '[redacted]'],
];

/** `text` with every recognised secret replaced by `[redacted]`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [hint, pattern, replacement] of RULES) {
    if (typeof hint === 'string' ? !out.includes(hint) : !hint.test(out)) continue;
    out = out.replace(pattern, replacement);
  }
  return out;
}
