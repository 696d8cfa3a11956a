// Slack's message box: `/` lists the app's slash commands; once one is chosen, each option's values are
// offered as pickers that write `name:value` into the text, which is sent as Slack would send it.
import { createCommandPopup } from './command-popup.js';
import { clear, h, toast } from './dom.js';

/** Slack's client escapes these three in command and message text; the app unescapes them. */
export const slackEscape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** deps: { commands(), placeholder(), send(command, text), post(text) } */
export function createSlackComposer(root, deps) {
  const input = h('input', {
    class: 'composer-input',
    type: 'text',
    autocomplete: 'off',
    'aria-label': 'Slack message',
  });
  const helpers = h('div', { class: 'option-helpers', hidden: true });
  const popup = createCommandPopup({
    items: () =>
      deps.commands().map((c) => ({
        name: c.name,
        description: c.description,
        detail: c.options
          .map((o) =>
            o.kind === 'subcommand' ? o.name : o.name === 'prompt' ? '[extra details]' : `${o.name}:…`,
          )
          .join(c.options.some((o) => o.kind === 'subcommand') ? ' | ' : ' '),
        value: c,
      })),
    choose: (command) => {
      input.value = `/${command.name} `;
      popup.close();
      drawHelpers();
      input.focus();
    },
  });
  const el = h(
    'form',
    {
      class: 'composer',
      onsubmit: (event) => {
        event.preventDefault();
        submit();
      },
    },
    popup.element,
    helpers,
    h('div', { class: 'composer-row' }, input, h('button', { type: 'submit', class: 'send', text: 'Send' })),
  );
  root.append(el);
  input.placeholder = deps.placeholder();
  input.addEventListener('input', () => {
    popup.update(input.value);
    drawHelpers();
  });
  input.addEventListener('focus', () => {
    input.placeholder = deps.placeholder();
  });
  input.addEventListener('keydown', (event) => popup.key(event));

  const current = () => {
    const m = /^\/(\S+)\s/.exec(input.value);
    return m ? deps.commands().find((c) => c.name === m[1]) : undefined;
  };
  let drawnFor;

  function drawHelpers() {
    const command = current();
    if (command === drawnFor) return;
    drawnFor = command;
    clear(helpers).hidden = !command;
    if (!command) return;
    helpers.append(h('span', { class: 'helpers-label', text: `/${command.name} options:` }));
    for (const o of command.options) {
      if (o.kind === 'subcommand') {
        // `/atelier ban …`: the subcommand goes first, its values follow in order.
        const hint = [o.name, ...o.options.map((x) => (x.required ? `<${x.name}>` : `[${x.name}]`))].join(
          ' ',
        );
        helpers.append(
          h('button', {
            type: 'button',
            class: 'helper-chip',
            title: `${o.description}: ${hint}`,
            text: o.name,
            onclick: () => {
              input.value = `/${command.name} ${o.name} `;
              input.focus();
            },
          }),
        );
      } else if (o.choices?.length) {
        const select = h(
          'select',
          { 'aria-label': o.name, title: o.description, dataset: { option: o.name } },
          h('option', { value: '', text: `${o.name}…` }),
          o.choices.map((c) => h('option', { value: c.value, text: c.name })),
        );
        select.addEventListener('change', () => setPair(o.name, select.value));
        helpers.append(select);
      } else {
        const hint = o.name === 'prompt' ? 'extra words' : `${o.name}:`;
        helpers.append(
          h('button', {
            type: 'button',
            class: 'helper-chip',
            title: o.description,
            text: hint,
            onclick: () => insert(o.name === 'prompt' ? '' : `${o.name}:`),
          }),
        );
      }
    }
  }

  /** Puts `name:value` in the text, replacing an earlier value of that option. */
  function setPair(name, value) {
    const pattern = new RegExp(`(^|\\s)${name}[:=](?:"[^"]*"|\\S*)`);
    const pair = value ? ` ${name}:${/\s/.test(value) ? `"${value}"` : value}` : '';
    input.value = pattern.test(input.value)
      ? input.value.replace(pattern, pair).replace(/\s{2,}/g, ' ')
      : `${input.value.trimEnd()}${pair} `;
    input.focus();
  }

  function insert(text) {
    input.value = `${input.value.trimEnd()} ${text}`;
    input.focus();
  }

  async function submit() {
    const text = input.value.trim();
    popup.close();
    if (!text) return;
    let ok;
    if (text.startsWith('/')) {
      const [, name = '', rest = ''] = /^\/(\S+)\s*([\s\S]*)$/.exec(text) ?? [];
      if (!deps.commands().some((c) => c.name === name))
        return toast(
          `/${name} is not a valid command. In Slack, messages that start with "/" are interpreted as commands.`,
        );
      ok = await deps.send(`/${name}`, slackEscape(rest));
    } else ok = await deps.post(slackEscape(text));
    if (ok) {
      input.value = '';
      drawHelpers();
    }
  }
}
