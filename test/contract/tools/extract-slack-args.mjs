// Regenerates test/contract/specs/slack-method-args.json from slackapi/node-slack-sdk's request types:
//   node test/contract/tools/extract-slack-args.mjs <node-slack-sdk checkout>/packages > test/contract/specs/slack-method-args.json
// For each method the bot calls: arguments every variant of the type requires, the optional ones, and
// (for union types) the alternatives of which one set must be present (e.g. text | blocks | attachments).
import ts from 'typescript';

const METHODS = {
  'auth.test': 'AuthTestArguments',
  'chat.postMessage': 'ChatPostMessageArguments',
  'chat.update': 'ChatUpdateArguments',
  'chat.postEphemeral': 'ChatPostEphemeralArguments',
  'chat.delete': 'ChatDeleteArguments',
  'conversations.info': 'ConversationsInfoArguments',
  'conversations.history': 'ConversationsHistoryArguments',
  'files.delete': 'FilesDeleteArguments',
  'files.getUploadURLExternal': 'FilesGetUploadURLExternalArguments',
  'files.completeUploadExternal': 'FilesCompleteUploadExternalArguments',
  'views.open': 'ViewsOpenArguments',
  'reactions.add': 'ReactionsAddArguments',
};

const root = process.argv[2];
if (!root) throw new Error('usage: extract-slack-args.mjs <node-slack-sdk>/packages');
const entry = `${root}/web-api/src/types/request/index.ts`;
const program = ts.createProgram([entry], {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  baseUrl: root,
  paths: { '@slack/types': ['types/src/index.ts'] },
});
const checker = program.getTypeChecker();
const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)));
const out = {};
for (const [method, typeName] of Object.entries(METHODS)) {
  const symbol = exported.find((s) => s.name === typeName);
  if (!symbol) throw new Error(`no type ${typeName}`);
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const type = checker.getDeclaredTypeOfSymbol(target);
  const variants = (type.isUnion() ? type.types : [type]).map((member) =>
    checker
      .getPropertiesOfType(member)
      .map((p) => ({ name: p.name, required: !(p.flags & ts.SymbolFlags.Optional) })),
  );
  const all = [...new Set(variants.flat().map((p) => p.name))].sort();
  const requiredSets = variants.map((v) => v.filter((p) => p.required).map((p) => p.name));
  const required = all.filter((name) => requiredSets.every((set) => set.includes(name)));
  const extras = requiredSets.map((set) => set.filter((name) => !required.includes(name)).sort());
  // The smallest alternatives only; none when some variant needs nothing more.
  const minimal = extras.some((set) => set.length === 0)
    ? []
    : extras.filter(
        (set) => !extras.some((other) => other.length < set.length && other.every((n) => set.includes(n))),
      );
  const oneOf = [...new Set(minimal.map((set) => JSON.stringify(set)))].map((s) => JSON.parse(s));
  out[method] = {
    type: typeName,
    required,
    optional: all.filter((name) => !required.includes(name)),
    ...(oneOf.length > 0 ? { requiredOneOf: oneOf } : {}),
  };
}
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
