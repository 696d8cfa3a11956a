import { escapeMarkdown } from 'discord.js';

/**
 * Text a person wrote, made inert for the places Discord renders markdown (message content, embed
 * descriptions, field values): https://support.discord.com/hc/en-us/articles/210298617 lists the syntax.
 * Discord drops a backslash before any punctuation and shows the character as typed, so escaping costs
 * nothing visible. Titles, footers, field names and labels render no markdown: they take text unescaped.
 */
export function escapeUserText(text: string): string {
  return escapeActiveMarkup(escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true }));
}

/**
 * Only what makes a link, a ping or a heading, made inert; emphasis and code stay. For the bot's own texts
 * that quote what a person typed (error replies): their `**` and backticks are the bot's formatting.
 */
export function escapeActiveMarkup(text: string): string {
  return (
    text
      // Masked links `[label](url)`: every "[" (discord.js's maskedLink escape marks only the first link of a line).
      .replaceAll('[', '\\[')
      // <@user>, <@&role>, <#channel>, <:emoji:id>, <t:stamp>, </command:id>, <https://…>: every "<".
      .replaceAll('<', '\\<')
      // allowed_mentions already keeps these silent; escaped they no longer look like a ping either.
      .replace(/@(everyone|here)\b/g, (mention) => `\\${mention}`)
      // Headings, subtext (`-# small`) and block quotes at the start of a line.
      .replace(/^([ \t]*)(#{1,3}(?=[ \t])|-#|>)/gm, (_, space: string, mark: string) => `${space}\\${mark}`)
  );
}
