import { markers } from './faults';
import { tokens, type Reply, type ToolDefinition } from './replies';

interface Message {
  readonly role: string;
}

/** VS Code's file tools as models see them (Copilot's names, or the ids they are contributed under). */
const READ_TOOL = /^(read_file|copilot_readFile)$/;
const REPLACE_TOOL = /^(replace_string_in_file|copilot_replaceString)$/;
export const AGENT_OLD = 'TODO: greet the reader';
export const AGENT_NEW = 'DONE: greeted the reader';

/**
 * `[[sim:agent=<absolute path>]]`: a task that needs two tool rounds, played as a coding model plays it — first read
 * the file with VS Code's read tool, then (given its content) replace `AGENT_OLD` with `AGENT_NEW` there with the
 * replace tool, then say what was done. Undefined when the marker or either tool is missing: the usual reply follows.
 */
export function agentStep(prompt: string, messages: readonly Message[], tools: readonly ToolDefinition[], requestId: string): Reply | undefined {
  const file = markers(prompt).get('agent');
  const read = tools.find((tool) => READ_TOOL.test(tool.name));
  const replace = tools.find((tool) => REPLACE_TOOL.test(tool.name));
  if (!file || !read || !replace) return undefined;
  const lastUser = messages.findLastIndex((message) => message.role === 'user');
  const rounds = messages.slice(lastUser + 1).filter((message) => message.role === 'tool').length;
  const call = (round: number, name: string, args: Record<string, unknown>): Reply =>
    ({ reasoning: [], content: [], toolCall: { id: `call_${round}_${requestId.replace(/-/g, '').slice(0, 20)}`, name, arguments: JSON.stringify(args) } });
  if (rounds === 0) return call(1, read.name, { filePath: file, startLine: 1, endLine: 200 });
  if (rounds === 1) return call(2, replace.name, { filePath: file, oldString: AGENT_OLD, newString: AGENT_NEW, explanation: 'Mark the task done' });
  return { reasoning: [], content: tokens(`I read ${file} and replaced "${AGENT_OLD}" with "${AGENT_NEW}".`) };
}
