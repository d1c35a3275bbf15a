import * as l10n from '@vscode/l10n';
import { button, checkbox, dropdown, h, registerComponents, setDisabled, textArea, textField, type Field } from '../components/toolkit';
import { chatProtocol, type ChatEvent, type ChatMessageView, type ChatState, type ContextMeter, type SettingsUpdate } from '../../shared/protocol/chat';
import { reduceMessages } from '../../shared/protocol/chatState';
import { HostConnection, vscodeApi } from '../shared/hostConnection';
import { configureLocalization } from '../shared/l10n';
import { iconButton } from './icons';
import { highlightedCode } from './markdown';
import { wireContextInput } from './contextInput';
import { MessageList } from './messageList';
import { attachmentChip, type MessageActions } from './messageView';

configureLocalization();
registerComponents();

const app = document.getElementById('app')!;
let state: ChatState | undefined;
let renderScheduled = false;

const host = new HostConnection(chatProtocol, {
  state: showState,
  event: ({ conversationId, event, meter }) => {
    if (!state || conversationId !== state.conversation.id) return;
    applyEvent(event);
    if (meter) showMeter(meter);
  },
  notice: ({ message, severity }) => showNotice(message, severity),
});

/** A code block with its actions: Copy, Insert at Cursor, Open in New Editor. */
function codeBlock(code: string, language: string): HTMLElement {
  const copy = button(l10n.t('Copy'), {
    appearance: 'secondary',
    title: l10n.t('Copy the code'),
    onClick: () => {
      host.command('copyCode', { code, language });
      copy.textContent = l10n.t('Copied');
      setTimeout(() => (copy.textContent = l10n.t('Copy')), 1500);
    },
  });
  return h('div', { class: 'code-block', 'data-language': language }, [
    h('div', { class: 'code-toolbar' }, [
      h('span', { class: 'code-language muted' }, [language]),
      copy,
      button(l10n.t('Insert'), { appearance: 'secondary', title: l10n.t('Insert at Cursor'), onClick: () => host.command('insertCode', { code, language }) }),
      button(l10n.t('Open'), { appearance: 'secondary', title: l10n.t('Open in New Editor'), onClick: () => host.command('openCode', { code, language }) }),
    ]),
    h('pre', {}, [highlightedCode(code, language)]),
  ]);
}

const actions: MessageActions = {
  codeBlock,
  regenerate: (messageId, model) => host.command('regenerate', { messageId, ...(model ? { model } : {}) }),
  continueReply: (messageId) => host.command('continueReply', { messageId }),
  copyRequest: (messageId, language) => host.command('copyRequest', { messageId, language }),
  editAndResend: (messageId, text) => host.command('editAndResend', { messageId, text }),
  setApiKey: () => host.command('setApiKey', {}),
  focusModel: () => model.element.focus(),
  copy: (text) => host.command('copyCode', { code: text }),
  editPromptBefore: (messageId) => {
    const messages = state?.conversation.messages ?? [];
    const index = messages.findIndex((message) => message.id === messageId);
    const prompt = messages.slice(0, index).reverse().find((message) => message.role === 'user');
    if (prompt) messageList.get(prompt.id)?.edit();
  },
};

const update = (change: SettingsUpdate) => host.command('updateSettings', change);
const numberOrNull = (value: string, parse: (text: string) => number) => {
  const number = parse(value);
  return value.trim() === '' || Number.isNaN(number) ? null : number;
};

// Controls are built once and updated from each state, so typing is never interrupted by a re-render.
const model = dropdown({ label: l10n.t('Model'), choices: [], onChange: (value) => update({ model: value }) });
const thinking = checkbox({ label: l10n.t('Thinking'), onChange: (checked) => update({ thinking: checked }) });
const budget = textField({ label: l10n.t('Thinking budget (tokens)'), type: 'number', placeholder: l10n.t('model default') });
const systemPrompt = textArea({ label: l10n.t('System prompt'), rows: 3, placeholder: l10n.t('You are a helpful assistant.') });
const temperature = textField({ label: l10n.t('Temperature'), type: 'number', placeholder: l10n.t('model default') });
const topP = textField({ label: l10n.t('Top-p'), type: 'number', placeholder: l10n.t('model default') });
const maxTokens = textField({ label: l10n.t('Max tokens'), type: 'number', placeholder: l10n.t('model default') });
budget.element.addEventListener('change', () => update({ thinkingBudget: numberOrNull(budget.value, Number.parseInt) }));
systemPrompt.element.addEventListener('change', () => update({ systemPrompt: systemPrompt.value }));
temperature.element.addEventListener('change', () => update({ temperature: numberOrNull(temperature.value, Number.parseFloat) }));
topP.element.addEventListener('change', () => update({ topP: numberOrNull(topP.value, Number.parseFloat) }));
maxTokens.element.addEventListener('change', () => update({ maxTokens: numberOrNull(maxTokens.value, Number.parseInt) }));

// The model and the thinking switch sit in the input row, as in VS Code's Chat; the rest is one click away.
model.element.classList.add('model-picker');
model.element.title = l10n.t('Model');
thinking.element.classList.add('thinking-switch');
const settingsBox = h('details', { class: 'settings' }, [
  h('summary', {}, [l10n.t('Parameters')]),
  h('div', { class: 'settings-grid' }, [
    budget.element,
    systemPrompt.element,
    h('div', { class: 'field-row' }, [temperature.element, topP.element, maxTokens.element]),
  ]),
]);
const modelsProblem = h('div', { class: 'muted models-problem', hidden: true });
const keyBanner = h('div', { class: 'key-banner', role: 'status', hidden: true }, [
  h('span', {}, [l10n.t('Set a DashScope API key for the selected region to chat.')]),
  button(l10n.t('Set API Key'), { onClick: () => host.command('setApiKey', {}) }),
]);
const notice = h('div', { class: 'notice', role: 'status', hidden: true });
// The panel's conversation actions; the sidebar view has them in its title bar (titleBarActions).
const conversationTitle = h('h2', { class: 'conversation-title' });
const conversationBar = h('div', { class: 'conversation-bar', role: 'toolbar', 'aria-label': l10n.t('Conversation') }, [
  conversationTitle,
  iconButton('add', l10n.t('New Conversation'), () => host.command('newConversation', {})),
  iconButton('history', l10n.t('Show Chat History…'), () => host.command('showHistory', {})),
  iconButton('edit', l10n.t('Rename Conversation…'), () => state && host.command('renameConversation', { id: state.conversation.id })),
  iconButton('trash', l10n.t('Delete Conversation'), () => state && host.command('deleteConversation', { id: state.conversation.id })),
]);
const header = h('header', { class: 'chat-header' }, [
  conversationBar,
  settingsBox,
  modelsProblem,
  keyBanner,
  notice,
]);
const messageList = new MessageList(actions);
// Fed once per finished reply: a live region updated token by token would flood screen readers.
const announcer = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });

const prompt = textArea({ label: '', rows: 3, placeholder: l10n.t('Ask DashScope… (Enter to send, # to attach a file, Up to edit the last prompt)') });
prompt.element.classList.add('prompt');
// A short view (the sidebar with other views expanded) gets a one-line input, leaving the height to the messages.
const shortView = window.matchMedia?.('(max-height: 420px)');
const fitPrompt = () => prompt.element.setAttribute('rows', shortView?.matches ? '1' : '3');
shortView?.addEventListener('change', fitPrompt);
fitPrompt();
const focusPrompt = () => (prompt.element.shadowRoot?.querySelector('textarea') ?? prompt.element).focus();
const send = button(l10n.t('Send'), { onClick: () => void sendPrompt() });
const stop = button(l10n.t('Stop'), { appearance: 'secondary', title: l10n.t('Stop (Escape)'), onClick: () => host.command('stop', {}) });
const elsewhere = h('span', { class: 'muted streaming-elsewhere', hidden: true }, [l10n.t('Answering in another window…')]);
const draftChips = h('div', { class: 'chips draft' });
const meterBar = h('div', { class: 'meter-bar' });
const meterText = h('span', { class: 'meter-text muted' });
const meter = h('div', { class: 'meter', role: 'meter', 'aria-label': l10n.t('Context window used') }, [h('div', { class: 'meter-track' }, [meterBar]), meterText]);
const composer = h('footer', { class: 'composer' }, [
  draftChips,
  prompt.element,
  h('div', { class: 'composer-actions' }, [
    iconButton('attach', l10n.t('Attach File'), () => host.command('attachFile', {})),
    iconButton('image', l10n.t('Attach Image'), () => host.command('attachImage', {})),
    iconButton('selection', l10n.t('Attach Selection'), () => host.command('attachSelection', {})),
    model.element,
    thinking.element,
    meter,
    elsewhere,
    stop,
    send,
  ]),
]);
prompt.element.addEventListener('keydown', (event: KeyboardEvent) => {
  if (event.isComposing) return;
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    void sendPrompt();
  } else if (event.key === 'ArrowUp' && prompt.value === '') {
    const last = state?.conversation.messages.findLast((message) => message.role === 'user');
    if (last) {
      event.preventDefault();
      prompt.value = last.content;
    }
  }
});
wireContextInput(prompt, composer, {
  pickFile: () => host.command('pickFile', {}),
  attachImage: (name, data) => host.command('attachImageData', { name, data }),
  removeLastChip: () => {
    const last = state?.draftAttachments.at(-1);
    if (last) host.command('removeAttachment', { id: last.id });
  },
  warn: (message) => showNotice(message, 'warning'),
});
// Escape stops a streaming reply wherever the focus is in the page, as in VS Code's Chat.
document.addEventListener('keydown', (event: KeyboardEvent) => {
  if (event.key === 'Escape' && isBusy() && !state?.streamingElsewhere) {
    event.preventDefault();
    host.command('stop', {});
  }
});
app.append(header, messageList.element, composer, announcer);

async function sendPrompt(): Promise<void> {
  const text = prompt.value;
  if (!state || isBusy() || (!text.trim() && state.draftAttachments.length === 0)) return;
  prompt.value = '';
  if (!(await host.request('send', { text }))) prompt.value = text;
}

const isBusy = () => state?.conversation.messages.at(-1)?.status === 'streaming';

function showState(next: ChatState): void {
  const switched = state?.conversation.id !== next.conversation.id;
  const pinned = messageList.isPinnedToEnd();
  state = next;
  vscodeApi().setState({ conversationId: next.conversation.id });
  const { conversation } = next;
  conversationBar.hidden = next.titleBarActions === true;
  conversationTitle.textContent = conversation.title;
  showModels(next);
  const choice = next.models.find((item) => item.id === conversation.settings.model);
  thinking.value = choice?.thinking === 'always' || conversation.settings.thinking;
  setDisabled(thinking.element, choice?.thinking !== 'optional');
  thinking.element.title = choice?.thinking === 'always' ? l10n.t('{0} always thinks before it answers.', choice.label ?? choice.id)
    : choice?.thinking === 'optional' ? l10n.t('Let the model think before it answers (slower, often better).')
      : l10n.t('{0} does not think before it answers.', conversation.settings.model);
  const set = (field: Field<string>, value: string) => {
    if (document.activeElement !== field.element) field.value = value;
  };
  set(budget, conversation.settings.thinkingBudget?.toString() ?? '');
  set(systemPrompt, conversation.settings.systemPrompt);
  set(temperature, conversation.settings.temperature?.toString() ?? '');
  set(topP, conversation.settings.topP?.toString() ?? '');
  set(maxTokens, conversation.settings.maxTokens?.toString() ?? '');
  modelsProblem.hidden = !next.modelsProblem;
  modelsProblem.textContent = next.modelsProblem ? l10n.t('The model list could not be loaded ({0}); showing common models.', next.modelsProblem) : '';
  modelsProblem.title = modelsProblem.textContent;
  keyBanner.hidden = next.hasKey;
  draftChips.replaceChildren(...next.draftAttachments.map((item) => attachmentChip(item, () => {
    host.command('removeAttachment', { id: item.id });
    focusPrompt();
  })));
  if (messageList.show(conversation.messages) && (switched || pinned)) messageList.scrollToEnd();
  showMeter(next.meter);
  showBusy();
}

let shownModels = '';
/** Options are replaced only when they change, so an open picker is not rebuilt under the user. */
function showModels(next: ChatState): void {
  const choices = next.models.map((choice) => ({
    value: choice.id,
    label: choice.label ?? choice.id,
    description: [choice.known ? '' : l10n.t('not in the model catalog'), choice.vision && choice.known ? l10n.t('reads images') : '', choice.thinking !== 'never' ? l10n.t('thinks') : '', l10n.t('{0}K context', Math.round(choice.contextWindow / 1024))].filter(Boolean).join(' · '),
  }));
  const key = JSON.stringify(choices);
  if (key !== shownModels) {
    shownModels = key;
    model.setChoices(choices, next.conversation.settings.model);
  } else if (model.value !== next.conversation.settings.model) {
    model.value = next.conversation.settings.model;
  }
}

function applyEvent(event: ChatEvent): void {
  // A reader scrolled up stays where they are; a new prompt (theirs) brings the view to the end.
  const follow = messageList.isPinnedToEnd() || (event.type === 'messageAdded' && event.message.role === 'user');
  const conversation = state!.conversation;
  state = { ...state!, conversation: { ...conversation, messages: reduceMessages(conversation.messages, event) } };
  switch (event.type) {
    case 'messageAdded': {
      messageList.add(event.message);
      break;
    }
    case 'textAppended':
      messageList.get(event.messageId)?.appendText(event.content, event.reasoning);
      scheduleRender();
      return;
    case 'messageFinished': {
      const message = state.conversation.messages.find((item) => item.id === event.messageId);
      if (message) messageList.get(event.messageId)?.finish(message);
      if (message?.role === 'assistant') announcer.textContent = announcement(message);
      break;
    }
    case 'truncated':
    case 'replyRetrying':
      messageList.show(state.conversation.messages);
      break;
  }
  showBusy();
  if (follow) messageList.scrollToEnd();
}

const ANNOUNCED_CHARS = 1000;
function announcement(message: ChatMessageView): string {
  if (message.status === 'error') return l10n.t('The reply failed: {0}', message.error?.message ?? '');
  const text = message.content.length > ANNOUNCED_CHARS ? `${message.content.slice(0, ANNOUNCED_CHARS)}…` : message.content;
  return message.status === 'stopped' ? l10n.t('Reply stopped: {0}', text) : l10n.t('Reply: {0}', text);
}

/** Streamed text is rendered once per frame, however many deltas arrived in it. */
function scheduleRender(): void {
  if (renderScheduled) return;
  renderScheduled = true;
  requestAnimationFrame(() => {
    renderScheduled = false;
    const pinned = messageList.isPinnedToEnd();
    messageList.render();
    if (pinned) messageList.scrollToEnd();
  });
}


function showBusy(): void {
  const busy = isBusy();
  // A reply streaming in another window cannot be stopped from here: it is shown with Send disabled until it ends.
  const streamingElsewhere = busy && state?.streamingElsewhere === true;
  stop.hidden = !busy || streamingElsewhere;
  send.hidden = busy && !streamingElsewhere;
  setDisabled(send, streamingElsewhere);
  elsewhere.hidden = !streamingElsewhere;
}

function showMeter(value: ContextMeter): void {
  const percent = Math.min(100, Math.round((value.usedTokens / value.limitTokens) * 100));
  meterBar.style.width = `${percent}%`;
  meter.dataset.level = value.level;
  meter.setAttribute('aria-valuenow', String(percent));
  meterText.textContent = `${percent}%`;
  meter.title = value.level === 'full'
    ? l10n.t('The conversation ({0} tokens) no longer fits the model\'s context window ({1}). Start a new conversation or pick a model with a larger window.', value.usedTokens, value.limitTokens)
    : value.level === 'warn'
      ? l10n.t('The conversation uses {0} of {1} tokens of the context window: it will soon overflow.', value.usedTokens, value.limitTokens)
      : l10n.t('{0} of {1} tokens of the context window used.', value.usedTokens, value.limitTokens);
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;
function showNotice(message: string, severity: 'info' | 'warning' | 'error'): void {
  notice.textContent = message;
  notice.dataset.severity = severity;
  notice.hidden = false;
  if (noticeTimer) clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (notice.hidden = true), 8000);
}

host.start();
