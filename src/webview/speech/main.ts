import * as l10n from '@vscode/l10n';
import { button, checkbox, dropdown, h, progressRing, registerComponents, setDisabled, textArea, type Choice } from '../components/toolkit';
import { ASR_MODELS, asrEntry, TTS_MODELS, ttsEntry, type Description } from '../../shared/models';
import { speechProtocol, type SpeechForm, type SpeechPanelState } from '../../shared/protocol/speech';
import { adaptAsr, adaptTts, billableCharacters, checkAsr, checkTts, ttsCost } from '../../shared/protocol/speechRules';
import { HostConnection } from '../shared/hostConnection';
import { configureLocalization } from '../shared/l10n';
import { StreamPlayer } from './player';
import { ResultList } from './results';

// The Speech panel: text to speech (played while it streams, saved as WAV) and speech to text (tasks or a short clip).
configureLocalization();
registerComponents();

const zh = document.documentElement.lang.toLowerCase().startsWith('zh');
const say = (description: Description) => (zh ? description['zh-cn'] : description.en);
const FORMAT_LABELS: Readonly<Record<string, string>> = { wav: l10n.t('WAV (24 kHz, plays in VS Code)') };

let state: SpeechPanelState | undefined;
let form: SpeechForm | undefined;
let revision = -1;
let showing = false;
let updateTimer: ReturnType<typeof setTimeout> | undefined;
/** Entries already shown finished: a newly finished one that was not streamed plays once. */
let finished = new Set<string>();
let awaitingPlay = false;
const player = new StreamPlayer();

const host = new HostConnection(speechProtocol, {
  state: (next) => receive(next),
  audioChunk: ({ entryId, pcm }) => player.play(entryId, pcm),
});

/** Text typed since the host last heard the form: a form the host sends meanwhile does not overwrite it. */
const typed = new Set<'text' | 'instructions'>();

const changed = (immediately = false, name?: 'text' | 'instructions') => () => {
  if (showing) return;
  if (name) typed.add(name);
  if (!form) return;
  form = read(form);
  validate();
  clearTimeout(updateTimer);
  if (immediately) flush();
  else updateTimer = setTimeout(flush, 300);
};

function flush(): void {
  clearTimeout(updateTimer);
  typed.clear();
  if (form) host.command('update', { form });
}

const ttsModel = dropdown({ label: l10n.t('Model'), choices: [], onChange: changed(true) });
const voice = dropdown({ label: l10n.t('Voice'), choices: [], onChange: changed(true) });
const language = dropdown({ label: l10n.t('Language'), choices: [], onChange: changed(true) });
const format = dropdown({ label: l10n.t('Format'), choices: [], onChange: changed(true) });
const text = textArea({ label: '', rows: 5, placeholder: l10n.t('Type what to say, or use the editor selection.'), onInput: changed(false, 'text') });
const instructions = textArea({ label: '', rows: 2, placeholder: l10n.t('e.g. Speak slowly and warmly, like a bedtime story.'), onInput: changed(false, 'instructions') });
const stream = checkbox({ label: l10n.t('Play while it arrives (streamed)'), onChange: changed(true) });
const ttsDescription = h('div', { class: 'muted' });
const voiceDescription = h('div', { class: 'muted' });
const ttsSummary = h('div', { class: 'summary muted', 'aria-live': 'polite' });
const ttsMessage = h('div', { class: 'field-error', role: 'alert' });
const instructionsField = field('instructions', l10n.t('Instructions'), instructions.element);
const speakButton = button(l10n.t('Speak'), { onClick: () => speak(false) });

const asrModel = dropdown({ label: l10n.t('Model'), choices: [], onChange: changed(true) });
const asrLanguage = dropdown({ label: l10n.t('Language'), choices: [], onChange: changed(true) });
const diarization = checkbox({ label: l10n.t('Tell speakers apart'), onChange: changed(true) });
const output = dropdown({ label: l10n.t('Open the transcript as'), choices: [], onChange: changed(true) });
const asrDescription = h('div', { class: 'muted' });
const filesBox = h('div', { class: 'files' });
const asrMessage = h('div', { class: 'field-error', role: 'alert' });
const transcribeButton = button(l10n.t('Transcribe'), { onClick: () => transcribe() });

const keyBanner = h('div', { class: 'key-banner', role: 'status', hidden: true }, [
  h('span', {}, [l10n.t('Set a DashScope API key for the selected region to use speech.')]),
  button(l10n.t('Set API Key'), { appearance: 'secondary', onClick: () => host.command('setApiKey', {}) }),
]);
const errorBox = h('div', { class: 'form-error', role: 'alert', hidden: true });
const duplicateBox = h('div', { class: 'duplicate', role: 'status', hidden: true });
const noticeLine = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite' });
const busyRing = progressRing(l10n.t('Working'));
busyRing.hidden = true;
const results = new ResultList({
  openPreview: (entryId) => host.command('openPreview', { entryId }),
  saveAs: (entryId) => host.command('saveAs', { entryId }),
  copyRequest: (entryId, languageId) => host.command('copyRequest', { entryId, language: languageId }),
  remove: (entryId) => host.command('removeEntry', { entryId }),
});

function field(name: string, label: string, control: HTMLElement, ...extra: HTMLElement[]): HTMLElement {
  control.setAttribute('aria-label', label);
  return h('div', { class: 'field', 'data-field': name }, [h('label', { class: 'field-label' }, [label]), control, ...extra]);
}

const choices = (values: readonly string[], label: (value: string) => string = (value) => value): Choice[] => values.map((value) => ({ value, label: label(value) }));

function read(current: SpeechForm): SpeechForm {
  const tts = { ...current.tts, model: ttsModel.value || current.tts.model, voice: voice.value, language: language.value, format: format.value, text: text.value, instructions: instructions.value, stream: stream.value };
  const asr = { ...current.asr, model: asrModel.value || current.asr.model, language: asrLanguage.value, diarization: diarization.value, output: (output.value || current.asr.output) as SpeechForm['asr']['output'] };
  return { tts: tts.model === current.tts.model ? tts : adaptTts(tts, tts.model), asr: asr.model === current.asr.model ? asr : adaptAsr(asr, asr.model) };
}

/** Writes a form into the controls; the fields each model takes follow it. */
function show(next: SpeechForm): void {
  showing = true;
  try {
    const tts = ttsEntry(next.tts.model);
    ttsModel.setChoices(TTS_MODELS.map((entry) => ({ value: entry.id, label: entry.route === 'http' ? entry.id : l10n.t('{0} (WebSocket only)', entry.id), description: say(entry.description) })), next.tts.model);
    voice.setChoices((tts?.voices ?? []).map((entry) => ({ value: entry.id, label: say(entry.description) })), next.tts.voice);
    language.setChoices(choices(tts?.languages ?? []), next.tts.language);
    format.setChoices(choices(tts?.formats ?? [], (value) => FORMAT_LABELS[value] ?? value.toUpperCase()), next.tts.format);
    text.value = next.tts.text;
    instructions.value = next.tts.instructions;
    stream.value = next.tts.stream;
    const asr = asrEntry(next.asr.model);
    asrModel.setChoices(ASR_MODELS.map((entry) => ({ value: entry.id, label: entry.mode === 'sync' ? l10n.t('{0} (short clip, at once)', entry.id) : entry.id, description: say(entry.description) })), next.asr.model);
    asrLanguage.setChoices([{ value: '', label: l10n.t('Detect') }, ...choices(asr?.languages ?? [])], next.asr.language);
    diarization.value = next.asr.diarization;
    output.setChoices(asr?.timestamps ? [{ value: 'srt', label: l10n.t('SRT subtitles') }, { value: 'vtt', label: l10n.t('WebVTT subtitles') }, { value: 'text', label: l10n.t('Text') }] : [{ value: 'text', label: l10n.t('Text') }], next.asr.output);
  } finally {
    showing = false;
  }
}

/** The rule-dependent parts: descriptions, what is hidden, the character count and cost, the inline messages. */
function validate(): void {
  if (!form) return;
  const tts = ttsEntry(form.tts.model);
  ttsDescription.textContent = tts ? say(tts.description) : '';
  voiceDescription.textContent = say(tts?.voices.find((entry) => entry.id === form!.tts.voice)?.description ?? { en: '', 'zh-cn': '' });
  instructionsField.hidden = !tts?.instruct;
  const cost = ttsCost(form.tts);
  const count = l10n.t('{0} / {1} characters', billableCharacters(form.tts.text), tts?.maxCharacters ?? 0);
  ttsSummary.textContent = cost ? l10n.t('{0} · about {1} {2} (prices of {3})', count, cost.amount.toFixed(5), cost.currency, cost.date) : l10n.t('{0} · no published price for this model', count);
  const ttsCheck = checkTts(form.tts);
  ttsMessage.textContent = ttsCheck.ok || (ttsCheck.field === 'text' && !form.tts.text) ? '' : ttsCheck.message;
  const asr = asrEntry(form.asr.model);
  asrDescription.textContent = asr ? say(asr.description) : '';
  diarization.element.hidden = !asr?.diarization;
  const asrCheck = checkAsr(form.asr);
  asrMessage.textContent = asrCheck.ok || asrCheck.field === 'files' ? '' : asrCheck.message;
  renderFiles();
}

function renderFiles(): void {
  const files = form?.asr.files ?? [];
  const chips = files.map((file, index) => h('li', { class: 'chip' }, [
    h('span', { class: 'chip-name', title: file.name }, [file.name]),
    h('span', { class: 'muted' }, [`${Math.max(1, Math.round(file.sizeBytes / 1024))} KB`]),
    button('×', { appearance: 'icon', title: l10n.t('Remove {0}', file.name), onClick: () => { flush(); host.command('removeFile', { index }); } }),
  ]));
  const add = (source: 'workspace' | 'disk') => () => { flush(); host.command('addFiles', { source }); };
  filesBox.replaceChildren(
    chips.length > 0 ? h('ul', { class: 'chips' }, chips) : h('span', { class: 'muted' }, [l10n.t('No audio file yet')]),
    h('div', { class: 'slot-actions' }, [
      button(l10n.t('From Workspace…'), { appearance: 'secondary', onClick: add('workspace') }),
      button(l10n.t('From Disk…'), { appearance: 'secondary', onClick: add('disk') }),
    ]),
  );
}

function speak(force: boolean): void {
  if (!form || state?.busy) return;
  form = read(form);
  const checked = checkTts(form.tts);
  if (!checked.ok) {
    ttsMessage.textContent = checked.message;
    return;
  }
  if (form.tts.stream) player.prepare();
  awaitingPlay = true;
  clearTimeout(updateTimer);
  host.command('speak', { form, force });
}

function transcribe(): void {
  if (!form || state?.busy) return;
  form = read(form);
  const checked = checkAsr(form.asr);
  if (!checked.ok) {
    asrMessage.textContent = checked.message;
    return;
  }
  clearTimeout(updateTimer);
  host.command('transcribe', { form });
}

function renderProblem(next: SpeechPanelState): void {
  errorBox.hidden = !next.error;
  if (next.error) errorBox.replaceChildren(h('strong', {}, [next.error.code ? l10n.t('DashScope refused the request ({0})', next.error.code) : l10n.t('The request failed')]), h('div', {}, [next.error.message]));
  duplicateBox.hidden = !next.duplicate;
  if (next.duplicate) {
    const { entryId, createdAt } = next.duplicate;
    duplicateBox.replaceChildren(
      h('span', {}, [l10n.t('You asked for the same speech on {0}: play that result instead of paying again?', new Date(createdAt).toLocaleString())]),
      button(l10n.t('Play Earlier Result'), { onClick: () => { host.command('dismissDuplicate', {}); void results.audioOf(entryId)?.play().catch(() => undefined); } }),
      button(l10n.t('Speak Anyway'), { appearance: 'secondary', onClick: () => speak(true) }),
    );
  }
  noticeLine.textContent = next.notice ?? '';
}

/** A result that just finished plays at once, unless it was already heard while it streamed. */
function playNewlyFinished(next: SpeechPanelState): void {
  const done = next.entries.filter((entry) => entry.status === 'succeeded' && entry.file);
  const fresh = done.find((entry) => !finished.has(entry.id));
  finished = new Set(done.map((entry) => entry.id));
  if (!fresh || !awaitingPlay) return;
  awaitingPlay = false;
  if (!player.played(fresh.id)) void results.audioOf(fresh.id)?.play().catch(() => undefined);
}

function receive(next: SpeechPanelState): void {
  const wasFirst = revision === -1;
  state = next;
  if (next.formRevision !== revision || !form) {
    revision = next.formRevision;
    const kept = typed.size > 0;
    form = { ...next.form, tts: { ...next.form.tts, ...(typed.has('text') ? { text: text.value } : {}), ...(typed.has('instructions') ? { instructions: instructions.value } : {}) } };
    show(form);
    // The host keeps the form (a rebuilt page shows it again): tell it what the user typed.
    if (kept) flush();
  } else {
    // Typing is never interrupted: only the files (changed by the host's pickers) come from the state.
    form = { ...read(form), asr: { ...read(form).asr, files: next.form.asr.files } };
  }
  keyBanner.hidden = next.hasKey;
  validate();
  renderProblem(next);
  setDisabled(speakButton, next.busy);
  setDisabled(transcribeButton, next.busy);
  busyRing.hidden = !next.busy;
  results.render(next.entries);
  if (wasFirst) finished = new Set(next.entries.filter((entry) => entry.status === 'succeeded').map((entry) => entry.id));
  else playNewlyFinished(next);
}

const app = document.getElementById('app')!;
app.dataset.panel = 'speech';
app.replaceChildren(
  h('h1', {}, [l10n.t('Speech')]),
  keyBanner,
  h('section', { class: 'speech-side', 'aria-label': l10n.t('Text to speech') }, [
    h('h2', {}, [l10n.t('Text to speech')]),
    field('ttsModel', l10n.t('Model'), ttsModel.element, ttsDescription),
    h('div', { class: 'field-row' }, [field('voice', l10n.t('Voice'), voice.element, voiceDescription), field('language', l10n.t('Language'), language.element), field('format', l10n.t('Format'), format.element)]),
    field('text', l10n.t('Text'), text.element, h('div', { class: 'row' }, [button(l10n.t('Use Editor Selection'), { appearance: 'secondary', onClick: () => { flush(); host.command('useSelection', {}); } })]), ttsMessage),
    instructionsField,
    stream.element,
    ttsSummary,
    h('div', { class: 'submit-row' }, [speakButton]),
  ]),
  h('section', { class: 'speech-side', 'aria-label': l10n.t('Speech to text') }, [
    h('h2', {}, [l10n.t('Speech to text')]),
    field('asrModel', l10n.t('Model'), asrModel.element, asrDescription),
    field('files', l10n.t('Audio files'), filesBox),
    h('div', { class: 'field-row' }, [field('asrLanguage', l10n.t('Language'), asrLanguage.element), field('output', l10n.t('Open the transcript as'), output.element)]),
    diarization.element,
    asrMessage,
    h('div', { class: 'submit-row' }, [transcribeButton]),
  ]),
  errorBox,
  duplicateBox,
  h('div', { class: 'status-row' }, [busyRing, noticeLine]),
  h('h2', {}, [l10n.t('Results')]),
  results.element,
);
app.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && (event.target as HTMLElement | null)?.closest('.speech-side')?.contains(text.element)) speak(false);
});
host.start();
