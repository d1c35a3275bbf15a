import { z } from 'zod';
import type { KeyTarget } from '../keys/keyStore';
import { REGION_SETTINGS } from '../settings';
import { transcriptFormat } from '../../shared/protocol/speech';

/** A task's state as the Tasks view shows it: the service's statuses, plus Expired for UNKNOWN on a task we tracked. */
export const TRACKED_STATUSES = ['PENDING', 'RUNNING', 'SUSPENDED', 'SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED'] as const;
export type TrackedStatus = (typeof TRACKED_STATUSES)[number];
export const ACTIVE_STATUSES: ReadonlySet<TrackedStatus> = new Set(['PENDING', 'RUNNING', 'SUSPENDED']);

type Scalar = string | number | boolean;
/** At most this many usage fields are kept. */
const MAX_USAGE_FIELDS = 50;

/**
 * A task's usage as the service reported it, keeping only short scalar fields: nested values (a server can
 * send JSON deep enough to break saving) are dropped.
 */
export function usageOf(raw: Record<string, unknown>): Record<string, Scalar> {
  const usage: Record<string, Scalar> = {};
  for (const [name, value] of Object.entries(raw).slice(0, MAX_USAGE_FIELDS)) {
    if (typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value.length <= 200)) usage[name.slice(0, 100)] = value;
  }
  return usage;
}

export const trackedTaskSchema = z.object({
  taskId: z.string().min(1),
  region: z.enum(REGION_SETTINGS),
  /** The workspace whose dedicated host took the task: only that host, with that workspace's key, knows it. */
  workspaceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  kind: z.enum(['video', 'image', 'transcription', 'other']),
  model: z.string(),
  prompt: z.string(),
  /** The submitted request (never the key), so the task can be resubmitted. */
  request: z.record(z.string(), z.unknown()).optional(),
  status: z.enum(TRACKED_STATUSES),
  createdAt: z.number(),
  submitTime: z.number().optional(),
  scheduledTime: z.number().optional(),
  endTime: z.number().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  usage: z.record(z.string(), z.unknown()).transform(usageOf).optional(),
  resultUrls: z.array(z.string()).default([]),
  /** When the result URLs stop working (about 24 h after the end). */
  resultExpiresAt: z.number().optional(),
  localFiles: z.array(z.string()).default([]),
  downloadError: z.string().optional(),
  /** The window (see WindowPresence) that polls the task and saves its result; another window takes over once it is gone. */
  owner: z.string().optional(),
  /** A transcription whose transcript is still to be made from its saved result, in this format (by the window that saves it). */
  transcriptFormat: z.enum(transcriptFormat.options).optional(),
});
export type TrackedTask = z.output<typeof trackedTaskSchema>;

/** Whose key and host a task is checked with: its workspace's host, or its region's pay-as-you-go host. */
export const taskTarget = (task: Pick<TrackedTask, 'region' | 'workspaceId'>): KeyTarget =>
  (task.workspaceId === undefined ? { plan: 'payg', region: task.region } : { plan: 'workspace', region: task.region, workspaceId: task.workspaceId });

/** One name per key a task needs (see taskTarget): tasks with the same name are polled with the same key. */
export const taskKeyName = (task: Pick<TrackedTask, 'region' | 'workspaceId'>): string =>
  (task.workspaceId === undefined ? task.region : `workspace/${task.region}/${task.workspaceId}`);

export const isActive = (task: Pick<TrackedTask, 'status'>) => ACTIVE_STATUSES.has(task.status);

/** Video and image tasks submitted from VS Code keep their request, so they can be sent again. */
export const isResubmittable = (task: Pick<TrackedTask, 'kind' | 'request'>) => task.request !== undefined && (task.kind === 'video' || task.kind === 'image');

/** Task ids are UUIDs; anything else is refused before a request is sent. */
export const TASK_ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
