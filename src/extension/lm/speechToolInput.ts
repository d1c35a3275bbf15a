import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import { TTS_MODELS } from '../../shared/models';
import type { TtsForm } from '../../shared/protocol/speech';
import { adaptTts, billableCharacters, checkTts, ttsCost } from '../../shared/protocol/speechRules';

/** The models this extension speaks to (CosyVoice answers only over WebSocket). */
const HTTP_MODELS = TTS_MODELS.filter((entry) => entry.route === 'http');
const INSTRUCT_MODELS = HTTP_MODELS.filter((entry) => entry.instruct).map((entry) => entry.id);
/** The longest text any of them takes; each model's own limit (a Han character counts two) is checked with the form. */
export const MAX_SPEECH_TEXT = Math.max(...HTTP_MODELS.map((entry) => entry.maxCharacters));
/** Voices named when a voice is unknown: enough to pick one, not the whole catalog. */
const VOICES_SHOWN = 8;
/** Characters of the text (and instructions) the confirmation shows. */
const EXCERPT = 80;
/** As long as the Speech panel takes. */
const MAX_INSTRUCTIONS = 1_600;

const id = z.string().max(100).regex(/^[\w.-]+$/);

/** What a model may send the speech tool, parsed and bounded before use. */
export const speechToolInput = z.object({
  text: z.string().min(1).max(MAX_SPEECH_TEXT),
  model: id.optional(),
  voice: id.optional(),
  language: id.optional(),
  instructions: z.string().max(MAX_INSTRUCTIONS).optional(),
});

/** `value` as the catalog spells it, matched without regard to case (a model may write "cherry"). */
const known = (value: string, allowed: readonly string[]) => allowed.find((entry) => entry.toLowerCase() === value.toLowerCase());

/**
 * The tool's input as a Speech panel form: the panel's model and voice unless the input names others, the model's
 * automatic language unless it names one, checked as the panel checks a form. A problem becomes an input issue, so
 * the user is asked nothing and nothing is sent.
 */
export function speechToolSchema(panel: () => TtsForm) {
  return speechToolInput.transform((input, ctx): TtsForm => {
    const fail = (field: string, message: string) => {
      ctx.addIssue({ code: 'custom', path: [field], message });
      return z.NEVER;
    };
    const defaults = panel();
    const modelId = input.model ?? (HTTP_MODELS.some((entry) => entry.id === defaults.model) ? defaults.model : HTTP_MODELS[0]!.id);
    const entry = HTTP_MODELS.find((candidate) => candidate.id === known(modelId, [candidate.id]));
    if (!entry) return fail('model', l10n.t('{0} is not a speech synthesis model this extension can use. Use one of: {1}.', modelId, HTTP_MODELS.map((model) => model.id).join(', ')));
    const voices = entry.voices.map((voice) => voice.id);
    const voice = input.voice === undefined ? defaults.voice : known(input.voice, voices);
    if (voice === undefined) {
      return fail('voice', l10n.t('{0} has no voice {1}. Its voices include {2} ({3} in all).', entry.id, input.voice!, voices.slice(0, VOICES_SHOWN).join(', '), voices.length));
    }
    const language = input.language === undefined ? entry.languages[0] : known(input.language, entry.languages);
    if (language === undefined) return fail('language', l10n.t('{0} takes no language {1}. Use one of: {2}.', entry.id, input.language!, entry.languages.join(', ')));
    const instructions = input.instructions?.trim() ?? '';
    if (instructions && !entry.instruct) return fail('instructions', l10n.t('{0} takes no instructions: use {1} for them.', entry.id, INSTRUCT_MODELS.join(', ')));
    const form = adaptTts({ voice, language, text: input.text, instructions, stream: false }, entry.id);
    const checked = checkTts(form);
    return checked.ok ? form : fail(checked.field, checked.message);
  });
}

const excerpt = (text: string) => {
  const characters = [...text];
  return characters.length > EXCERPT ? `${characters.slice(0, EXCERPT).join('')}…` : text;
};

/** What the user confirms: it is billed, what it should cost, and what is spoken how. */
export function speechConfirmation(form: TtsForm): { title: string; message: string } {
  const cost = ttsCost(form);
  const billed = cost
    ? l10n.t('This is billed to your Model Studio account: about {0} {1} for {2} characters (prices of {3}).', cost.amount.toFixed(5), cost.currency, billableCharacters(form.text), cost.date)
    : l10n.t('This is billed to your Model Studio account: {0} characters; this model has no published price.', billableCharacters(form.text));
  const message = form.instructions
    ? l10n.t('{0} Model: {1} · Voice: {2} · Instructions: {3} · Text: {4}', billed, form.model, form.voice, excerpt(form.instructions), excerpt(form.text))
    : l10n.t('{0} Model: {1} · Voice: {2} · Text: {3}', billed, form.model, form.voice, excerpt(form.text));
  return { title: l10n.t('Synthesize speech with DashScope?'), message };
}
