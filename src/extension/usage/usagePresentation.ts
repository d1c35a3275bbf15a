import * as l10n from '@vscode/l10n';
import type { UsageKind } from './usageEntry';
import type { UsageFigures } from './usageFigures';
import type { Period, UsageGroup, UsageSummary } from './usageSummary';

const number = (value: number) => value.toLocaleString(undefined, { maximumFractionDigits: 2 });

export function periodTitle(period: Period): string {
  return { today: l10n.t('Today'), week: l10n.t('This Week'), month: l10n.t('This Month') }[period];
}

export function kindTitle(kind: UsageKind): string {
  return {
    chat: l10n.t('Chat'),
    languageModel: l10n.t('Language model (Copilot Chat)'),
    image: l10n.t('Image'),
    video: l10n.t('Video'),
    speech: l10n.t('Speech'),
    transcription: l10n.t('Transcription'),
    other: l10n.t('Other'),
  }[kind];
}

/** The figures a group used, e.g. "1,200 in (200 cached) · 300 out (100 reasoning) tokens · 2 images". */
export function figuresText(usage: UsageFigures): string {
  const parts: string[] = [];
  if (usage.inputTokens !== undefined) parts.push(usage.cachedTokens ? l10n.t('{0} in ({1} cached)', number(usage.inputTokens), number(usage.cachedTokens)) : l10n.t('{0} in', number(usage.inputTokens)));
  if (usage.outputTokens !== undefined) parts.push(usage.reasoningTokens ? l10n.t('{0} out ({1} reasoning) tokens', number(usage.outputTokens), number(usage.reasoningTokens)) : l10n.t('{0} out tokens', number(usage.outputTokens)));
  if (usage.images !== undefined) parts.push(l10n.t('{0} images', number(usage.images)));
  if (usage.videoSeconds !== undefined) parts.push(l10n.t('{0} s of video', number(usage.videoSeconds)));
  if (usage.audioCharacters !== undefined) parts.push(l10n.t('{0} characters of speech', number(usage.audioCharacters)));
  if (usage.audioSeconds !== undefined) parts.push(l10n.t('{0} s of audio', number(usage.audioSeconds)));
  return parts.length > 0 ? parts.join(' · ') : l10n.t('no usage reported');
}

/** "CNY 1.20", "< USD 0.01" (a speech call costs a fraction of a cent), "CNY 1.20 + 3 calls without a price", or "no price". */
export function costText(cost: Readonly<Record<string, number>>, unpriced: number): string {
  const amounts = Object.entries(cost).map(([currency, amount]) => (amount > 0 && amount < 0.005 ? `< ${currency} 0.01` : `${currency} ${amount.toFixed(2)}`));
  if (amounts.length === 0) return l10n.t('no price');
  return unpriced > 0 ? l10n.t('{0} + {1} calls without a price', amounts.join(' + '), unpriced) : amounts.join(' + ');
}

export function callsText(calls: number): string {
  return calls === 1 ? l10n.t('1 call') : l10n.t('{0} calls', number(calls));
}

export function groupDescription(group: UsageGroup): string {
  return `${kindTitle(group.kind)} · ${callsText(group.calls)} · ${figuresText(group.usage)} · ${costText(group.cost, group.unpriced)}`;
}

export function periodDescription(summary: UsageSummary): string {
  return `${callsText(summary.calls)} · ${costText(summary.cost, summary.unpriced)}`;
}
