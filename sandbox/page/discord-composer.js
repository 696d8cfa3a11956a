// Discord's message box: `/` lists the registered commands; choosing one shows its real options (choices
// as pickers, autocomplete asking the bot as you type); Send runs it through the emulator.
import { createCommandPopup } from './command-popup.js';
import { clear, h, toast } from './dom.js';

const SUB = 1;
const GROUP = 2;

/**
 * deps: { commands(), users(), placeholder(), send(name, options), post(content),
 *         autocomplete(name, options, focused) → { choices } }
 */
export function createDiscordComposer(root, deps) {
  let active; // { command, path: [] , fields: Map(name → { def, read() }) }
  const input = h('input', {
    class: 'composer-input',
    type: 'text',
    autocomplete: 'off',
    'aria-label': 'Discord message',
  });
  const form = h('div', { class: 'command-form', hidden: true });
  const sendButton = h('button', { type: 'submit', class: 'send', text: 'Send' });
  // While a command is being filled in, the box shows it as Discord does: `/generate style: comic-book …`.
  const summary = h('div', { class: 'command-summary', hidden: true, 'aria-live': 'polite' });
  const popup = createCommandPopup({
    items: () =>
      deps.commands().map((c) => ({
        name: c.name,
        description: c.description,
        detail: (c.options ?? []).map((o) => o.name).join(' · '),
        value: c,
      })),
    choose: (command) => start(command),
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
    form,
    h('div', { class: 'composer-row' }, input, summary, sendButton),
  );
  root.append(el);
  input.placeholder = deps.placeholder();
  input.addEventListener('input', () => popup.update(input.value));
  input.addEventListener('focus', () => {
    input.placeholder = deps.placeholder();
    popup.update(input.value);
  });
  input.addEventListener('keydown', (event) => popup.key(event));
  form.addEventListener('input', () => drawSummary());
  form.addEventListener('change', () => drawSummary());

  function drawSummary() {
    if (!active) return;
    clear(summary).append(h('span', { class: 'summary-command', text: `/${commandName()}` }));
    for (const [name, value] of Object.entries(values()))
      summary.append(
        ' ',
        h('span', { class: 'summary-option' }, h('span', { text: `${name}: ` }), String(value)),
      );
  }

  function start(command) {
    active = { command, path: [], fields: new Map() };
    input.value = '';
    input.hidden = true;
    summary.hidden = false;
    popup.close();
    drawForm();
    drawSummary();
    form.querySelector('select, input')?.focus();
  }

  function stop() {
    active = undefined;
    form.hidden = true;
    clear(form);
    input.hidden = false;
    summary.hidden = true;
    input.value = '';
    input.focus();
  }

  /** The options at the current subcommand path. */
  function optionsAt() {
    let defs = active.command.options ?? [];
    for (const name of active.path) defs = defs.find((d) => d.name === name)?.options ?? [];
    return defs;
  }

  function drawForm() {
    clear(form);
    form.hidden = false;
    const defs = optionsAt();
    const subs = defs.filter((d) => d.type === SUB || d.type === GROUP);
    form.append(
      h(
        'div',
        { class: 'command-chip' },
        h('span', { text: `/${[active.command.name, ...active.path].join(' ')}` }),
        h('button', {
          type: 'button',
          class: 'chip-x',
          'aria-label': 'Cancel command',
          text: '×',
          onclick: stop,
        }),
        h('span', { class: 'command-desc', text: active.command.description }),
      ),
    );
    if (subs.length > 0) {
      const select = h(
        'select',
        {
          'aria-label': 'Subcommand',
          onchange: () => {
            active.path.push(select.value);
            drawForm();
          },
        },
        h('option', { value: '', text: 'Choose…', selected: true, disabled: true }),
        subs.map((s) => h('option', { value: s.name, text: `${s.name} — ${s.description}` })),
      );
      form.append(h('label', { class: 'opt' }, h('span', { class: 'opt-name', text: 'subcommand' }), select));
      return;
    }
    active.fields.clear();
    const ordered = [...defs.filter((d) => d.required), ...defs.filter((d) => !d.required)];
    form.append(
      h(
        'div',
        { class: 'opt-grid' },
        ordered.map((def) => field(def)),
      ),
    );
  }

  function field(def) {
    const label = h('span', {
      class: 'opt-name',
      title: def.description,
      text: def.required ? `${def.name}*` : def.name,
    });
    let control;
    let read = () => control.value;
    if (def.choices?.length) {
      control = h(
        'select',
        { 'aria-label': def.name, title: def.description },
        h('option', { value: '', text: def.required ? 'Choose…' : '—' }),
        def.choices.map((c) => h('option', { value: String(c.value), text: c.name })),
      );
      if (def.type === 4 || def.type === 10) read = () => (control.value === '' ? '' : Number(control.value));
    } else if (def.type === 4 || def.type === 10) {
      control = h('input', {
        type: 'number',
        'aria-label': def.name,
        min: def.min_value,
        max: def.max_value,
        step: def.type === 4 ? 1 : 'any',
        placeholder: def.description,
      });
      read = () => (control.value === '' ? '' : Number(control.value));
    } else if (def.type === 5) {
      control = h(
        'select',
        { 'aria-label': def.name },
        h('option', { value: '', text: '—' }),
        h('option', { value: 'true', text: 'True' }),
        h('option', { value: 'false', text: 'False' }),
      );
      read = () => (control.value === '' ? '' : control.value === 'true');
    } else if (def.type === 6) {
      control = h(
        'select',
        { 'aria-label': def.name },
        h('option', { value: '', text: '—' }),
        deps.users().map((u) => h('option', { value: u.id, text: u.global_name ?? u.username })),
      );
    } else {
      control = h('input', {
        type: 'text',
        'aria-label': def.name,
        maxlength: def.max_length,
        placeholder: def.description,
        autocomplete: 'off',
      });
      if (def.autocomplete) return autocompleteField(def, label, control);
    }
    active.fields.set(def.name, { def, read });
    return h('label', { class: 'opt' }, label, control);
  }

  function autocompleteField(def, label, control) {
    const list = h('ul', { class: 'suggestions', hidden: true, role: 'listbox' });
    let timer;
    let asked = 0;
    const ask = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const mine = ++asked;
        try {
          // The focused option is sent even when empty: that is what Discord's client does.
          const { choices } = await deps.autocomplete(
            commandName(),
            { ...values(), [def.name]: control.value },
            def.name,
          );
          if (mine !== asked) return;
          clear(list).hidden = choices.length === 0;
          for (const c of choices)
            list.append(
              h('li', {
                role: 'option',
                dataset: { value: String(c.value) },
                text: c.name,
                onmousedown: (e) => {
                  e.preventDefault();
                  control.value = String(c.value);
                  list.hidden = true;
                },
              }),
            );
        } catch (error) {
          toast(`Autocomplete: ${error.message}`);
        }
      }, 150);
    };
    control.addEventListener('input', ask);
    control.addEventListener('focus', ask);
    control.addEventListener('blur', () =>
      setTimeout(() => {
        list.hidden = true;
      }, 150),
    );
    control.dataset.autocomplete = 'true';
    active.fields.set(def.name, { def, read: () => control.value });
    return h('label', { class: 'opt ac' }, label, control, list);
  }

  const commandName = () => [active.command.name, ...active.path].join(' ');

  function values() {
    const out = {};
    for (const [name, f] of active.fields) {
      const v = f.read();
      if (v !== '' && v !== undefined && !Number.isNaN(v)) out[name] = v;
    }
    return out;
  }

  async function submit() {
    if (active) {
      if (form.querySelector('select[aria-label="Subcommand"]')) return toast('Choose a subcommand first.');
      const name = commandName();
      const options = values();
      const result = await deps.send(name, options);
      if (result) stop();
      return;
    }
    const text = input.value.trim();
    if (!text) return;
    if (text.startsWith('/')) {
      const match = deps.commands().find((c) => c.name === text.slice(1).split(/\s/)[0]);
      if (match) return start(match);
      return toast(`No command ${text.split(/\s/)[0]} is registered here.`);
    }
    if (await deps.post(text)) input.value = '';
  }
}
