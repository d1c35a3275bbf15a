import * as l10n from '@vscode/l10n';
import { regionLabel } from '../endpoint';
import { label } from './taskLabel';
import { isActive, isResubmittable, type TrackedStatus, type TrackedTask } from './trackedTask';

export type Group = 'running' | 'succeeded' | 'finished';

export const GROUP_OF: Readonly<Record<TrackedStatus, Group>> = {
  PENDING: 'running', RUNNING: 'running', SUSPENDED: 'running', SUCCEEDED: 'succeeded', FAILED: 'finished', CANCELED: 'finished', EXPIRED: 'finished',
};

/** Codicon and theme colour per status. */
const ICONS: Readonly<Record<TrackedStatus, readonly [string, string]>> = {
  PENDING: ['clock', 'charts.yellow'],
  RUNNING: ['sync~spin', 'charts.blue'],
  SUSPENDED: ['debug-pause', 'charts.yellow'],
  SUCCEEDED: ['pass-filled', 'charts.green'],
  FAILED: ['error', 'charts.red'],
  CANCELED: ['circle-slash', 'disabledForeground'],
  EXPIRED: ['history', 'descriptionForeground'],
};

export function elapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h ${minutes % 60}m` : `${Math.floor(hours / 24)}d`;
}

/** One formatter for every date of every item: creating one per call dominates a refresh of hundreds of tasks. */
let dateFormat: Intl.DateTimeFormat | undefined;
const time = (epoch: number | undefined) => (epoch === undefined ? '—' : (dateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })).format(epoch));

export interface TaskPresentation {
  readonly label: string;
  readonly description: string;
  readonly icon: string;
  readonly color: string;
  /** `dashscopeTask.<STATUS>[.local][.url][.resubmittable]`, matched by the menus' `when` clauses. */
  readonly contextValue: string;
  readonly details: readonly (readonly [string, string])[];
  /** The tooltip: state, name and a table of the details. */
  readonly tooltip: string;
}

/** Escapes what Markdown would otherwise interpret in free text (prompts, messages, paths). */
const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');

/** What the Tasks view shows for a task, without VS Code types (so it is unit-tested and benchmarked in Node). */
export function presentTask(task: TrackedTask, now: number, outage?: string): TaskPresentation {
  const duration = elapsed((task.endTime ?? now) - (task.submitTime ?? task.createdAt));
  const [icon, color] = ICONS[task.status];
  const details: [string, string][] = [
    [l10n.t('Task id'), task.taskId],
    [l10n.t('Model'), task.model],
    [l10n.t('Region'), regionLabel(task.region)],
    [l10n.t('Submitted'), time(task.submitTime ?? task.createdAt)],
    [l10n.t('Scheduled'), time(task.scheduledTime)],
    [l10n.t('Ended'), time(task.endTime)],
  ];
  if (task.request) {
    const parameters = Object.entries(task.request).filter(([name]) => name !== 'model' && name !== 'prompt').map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ');
    if (parameters) details.push([l10n.t('Parameters'), parameters]);
  }
  if (task.usage) details.push([l10n.t('Usage'), Object.entries(task.usage).map(([name, value]) => `${name}: ${JSON.stringify(value)}`).join(', ')]);
  if (task.code) details.push([l10n.t('Error'), `${task.code}: ${task.message ?? ''}`]);
  if (task.localFiles[0]) details.push([l10n.t('Saved to'), task.localFiles.join(', ')]);
  if (task.downloadError) details.push([l10n.t('Download'), task.downloadError]);
  // A running task whose checks fail for want of a connection says so, instead of looking merely pending.
  const checksFailing = outage !== undefined && isActive(task);
  if (checksFailing) details.push([l10n.t('Status checks'), outage]);
  const name = label(task);
  const rows = details.map(([title, value]) => `| ${title} | ${escapeMarkdown(value.replace(/\s+/g, ' '))} |`).join('\n');
  return {
    label: name,
    description: `${task.model} · ${isActive(task) ? `${task.status.toLowerCase()} ${duration}` : duration}${checksFailing ? ` · ${outage}` : ''}`,
    icon: checksFailing ? 'debug-disconnect' : icon,
    color: checksFailing ? 'charts.orange' : color,
    contextValue: ['dashscopeTask', task.status, task.localFiles.length > 0 ? 'local' : '', task.resultUrls.length > 0 ? 'url' : '', isResubmittable(task) ? 'resubmittable' : ''].filter(Boolean).join('.'),
    details,
    tooltip: `**${task.status}** — ${escapeMarkdown(name)}\n\n| | |\n|---|---|\n${rows}\n`,
  };
}
