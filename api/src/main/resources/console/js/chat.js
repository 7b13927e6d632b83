// Chat destinations (Discord, Slack, Telegram): the format choice, Telegram's chat id, the message
// template and the message a test posted, shared by the add form and the endpoint page.
import { h, uid } from './dom.js';

export const FORMATS = [
  { value: 'billhook', label: 'Your receiver', help: 'Billhook POSTs the signed event envelope to your own HTTPS receiver.',
    url: 'The HTTPS address of your receiver. Billhook POSTs each event to it, signed.', placeholder: 'https://example.com/webhooks' },
  { value: 'discord', label: 'Discord', help: 'Discord: paste the channel\'s webhook URL (Server Settings, Integrations, Webhooks).',
    url: 'The channel\'s webhook URL, as Discord gives it.', placeholder: 'https://discord.com/api/webhooks/<id>/<token>' },
  { value: 'slack', label: 'Slack', help: 'Slack: paste your Slack app\'s incoming webhook URL.',
    url: 'The incoming webhook URL, as Slack gives it.', placeholder: 'https://hooks.slack.com/services/<team>/<channel>/<token>' },
  { value: 'telegram', label: 'Telegram', help: 'Telegram: your bot\'s sendMessage URL, and the chat to post to.',
    url: 'https://api.telegram.org/bot<token>/sendMessage with your bot\'s token from @BotFather.', placeholder: 'https://api.telegram.org/bot<token>/sendMessage' },
];

export const CHAT_ID_HINT = 'The chat\'s numeric id (groups and channels are negative, e.g. -1001234567890) or a public channel\'s @channelname.';
export const TEMPLATE_HINT = 'Optional, plain text with Mustache tags such as {{type}} or {{data.customerId}}. Leave it empty for Billhook\'s default message.';

export function formatOf(value) {
  return FORMATS.find((f) => f.value === value) || FORMATS[0];
}

export function isChat(format) {
  return Boolean(format) && format !== 'billhook';
}

/** A labelled radio group of the formats; onChange gets the picked format's value. */
export function formatChoice(onChange) {
  const group = h('fieldset', { class: 'events' }, h('legend', {}, 'Where deliveries go'),
    FORMATS.map((f) => {
      const id = uid('format');
      return h('div', { class: 'check' },
        h('input', { type: 'radio', name: 'format', value: f.value, id, checked: f.value === 'billhook',
          'aria-describedby': `${id}-d`, onChange: () => onChange(f.value) }),
        h('label', { for: id }, f.label),
        h('p', { class: 'hint', id: `${id}-d` }, f.help));
    }));
  return { element: group, value: () => group.querySelector('input:checked').value };
}

export function chatIdInput(value) {
  return h('input', { type: 'text', name: 'chatId', value: value || '', autocomplete: 'off', spellcheck: 'false', maxlength: 33 });
}

export function templateInput(value) {
  return h('textarea', { name: 'template', rows: 4, maxlength: 2000, spellcheck: 'false', class: 'mono' }, value || '');
}

/** Whether a URL still holds the *** that stands for a chat platform's hidden token. */
export function stillMasked(url) {
  return url.includes('***');
}

/** What a chat endpoint is told instead of a signing secret. */
export function notSigned(format) {
  const name = formatOf(format).label;
  return `Deliveries to ${name} are not signed: ${name} checks only the token in the URL, so keep the URL private. `
    + 'Billhook shows the token as ***.';
}

/** The exact body a test posted to the chat platform, as text. */
export function postedMessage(message) {
  return h('div', {},
    h('h3', {}, 'Message posted'),
    h('pre', { class: 'payload', tabindex: '0', 'aria-label': 'Message posted' }, JSON.stringify(message, null, 2)));
}
