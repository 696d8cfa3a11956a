// Copies a java-slack-sdk json-logs sample with its Block Kit arrays emptied (`blocks`, `…_blocks`,
// `attachments` → []): those logs merge every block shape ever seen (megabytes), and what our emulator puts
// there is the bot's own blocks, which the suite checks against Block Kit's limits instead.
//   node test/contract/tools/prune-slack-sample.mjs < sample.json > test/contract/samples/slack/<name>.json
const OPAQUE = new Set(['blocks', 'title_blocks', 'attachments']);
const prune = (value) => {
  if (Array.isArray(value)) return value.map(prune);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, OPAQUE.has(k) || k.endsWith('_blocks') ? [] : prune(v)]),
  );
};
let text = '';
process.stdin.on('data', (chunk) => {
  text += chunk;
});
process.stdin.on('end', () => process.stdout.write(`${JSON.stringify(prune(JSON.parse(text)), null, 2)}\n`));
