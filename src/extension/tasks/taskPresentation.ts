import * as l10n from '@vscode/l10n';
import { regionLabel } from '../endpoint';
import { label } from './taskLabel';
import { isActive, type TrackedStatus, type TrackedTask } from './trackedTask';

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

const time = (epoch: number | undefined) => (epoch === undefined ? '—' : new Date(epoch).toLocaleString());

export interface TaskPresentation {
  readonly label: string;
  readonly description: string;
  readonly icon: string;
  readonly color: string;
  /** `dashscopeTask.<STATUS>[.local][.url][.resubmittable]`, matched by the menus' `when` clauses. */
  readonly contextValue: string;
  readonly details: readonly (readonly [string, string])[];
}

/** What the Tasks view shows for a task, without VS Code types (so it is unit-tested and benchmarked in Node). */
export function presentTask(task: TrackedTask, now: number): TaskPresentation {
  const duration = elapsed((task.endTime ?? now) - (task.submitTime ?? task.createdAt));
  const [icon, color] = ICONS[task.status];
  const details: [string, string][] = [
    [l10n.t('Task id'), `\`${task.taskId}\``],
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
  return {
    label: label(task),
    description: `${task.model} · ${isActive(task) ? `${task.status.toLowerCase()} ${duration}` : duration}`,
    icon,
    color,
    contextValue: ['dashscopeTask', task.status, task.localFiles.length > 0 ? 'local' : '', task.resultUrls.length > 0 ? 'url' : '', task.request ? 'resubmittable' : ''].filter(Boolean).join('.'),
    details,
  };
}
