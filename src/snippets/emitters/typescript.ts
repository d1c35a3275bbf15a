import { ENV, type RequestTemplate } from '../model';
import { Code, slotIn, type Piece } from '../pieces';
import { jsComment, jsString, jsTemplateText, JS_STRING } from '../quoting/javascript';
import { defaultBase, MISSING_ACCESS_KEY, keyVariable, missingKey, POLL, requestHeaders, rootOf, signedParts, TERMINAL_FAILURES, urlPieces, writeJson, type EmitInput, type JsonStyle } from './shared';

const JS_KEY = /^[A-Za-z_$][\w$]*$/;
const style: JsonStyle = {
  key: (key) => (JS_KEY.test(key) ? key : jsString(key)),
  quoting: JS_STRING,
  literal: (value) => JSON.stringify(value),
  ref: (name) => [name],
};
/** Prints why the code cannot run and ends it with exit code 1 (inside `main`). */
const fail = (message: string) => `{\n    console.error(${jsString(message)});\n    process.exitCode = 1;\n    return;\n  }`;

/** TypeScript (`typed`) or JavaScript using the global `fetch` of Node 18+. */
export function emitTypeScript({ spec, endpoint, title }: EmitInput, typed: boolean): Piece[] {
  const t = (text: string) => (typed ? text : '');
  const root = rootOf(spec);
  const url = (request: RequestTemplate): Piece[] => ['`${baseUrl}', ...urlPieces(request, (name) => `\${${name}}`, jsTemplateText), '`'];
  const headers = (request: RequestTemplate, extra: string[] = []) =>
    `{ ${[...(root === 'openApi' ? [] : ['Authorization: `Bearer ${apiKey}`']), ...requestHeaders(spec, request).map(([name, value]) => `${style.key(name)}: ${jsString(value)}`), ...extra].join(', ')} }`;
  /** The `fetch` options, one per line. */
  const init = (request: RequestTemplate, indent: string, headerText = headers(request)): Piece[] => [
    `{\n${indent}  method: "${request.method}",\n${indent}  headers: ${headerText},\n`,
    ...(request.body === undefined ? [] : [`${indent}  body: JSON.stringify(`, ...writeJson(request.body, style, `${indent}  `), '),\n']),
    `${indent}}`,
  ];

  const c = new Code();
  c.line(jsComment(title));
  if (root !== 'openApi' || spec.files?.length) {
    c.lines(
      `async function send(url${t(': string')}, init${t(': RequestInit')} = {})${t(': Promise<Response>')} {`,
      '  const response = await fetch(url, init);',
      '  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: HTTP ${response.status} ${await response.text()}`);',
      '  return response;',
      '}',
      '',
    );
  }
  if (spec.files?.length || spec.flow === 'upload') emitUpload(c, t);
  c.line(`async function main()${t(': Promise<void>')} {`);
  if (root === 'openApi') {
    c.lines(
      `  const accessKeyId = process.env.${ENV.accessKeyId};`,
      `  const accessKeySecret = process.env.${ENV.accessKeySecret};`,
      `  if (!accessKeyId || !accessKeySecret) ${fail(MISSING_ACCESS_KEY)}`,
      `  const baseUrl = process.env.${ENV.openApiEndpoint} ?? ${jsString(defaultBase(root, endpoint))};`,
    );
  } else {
    c.lines(
      `  const apiKey = process.env.${keyVariable(endpoint)};`,
      `  if (!apiKey) ${fail(missingKey(endpoint))}`,
    );
    const env = root === 'compatible' ? ENV.compatibleBase : ENV.nativeBase;
    const base = `process.env.${env} ?? ${jsString(defaultBase(root, endpoint))}`;
    c.line(`  const baseUrl = ${root === 'nativeV2' ? `(${base}).replace(/\\/v1$/, "/v2")` : base};`);
  }
  for (const file of spec.files ?? []) c.line(`  const ${file.variable} = await upload(baseUrl, apiKey, `, slotIn('model', JS_STRING), ', ', slotIn(file.slot, JS_STRING), ');');

  const [first] = spec.requests;
  switch (spec.flow) {
    case 'json':
      spec.requests.forEach((request, index) => {
        const name = spec.requests.length > 1 ? `response${index + 1}` : 'response';
        c.line(`  const ${name} = await send(`, ...url(request), ', ', ...init(request, '  '), ');');
        c.line(`  console.log(JSON.stringify(await ${name}.json(), null, 2));`);
      });
      break;
    case 'sse':
      c.line('  const response = await send(', ...url(first!), ', ', ...init(first!, '  '), ');');
      c.lines(
        `  const reader = response.body${t('!')}.getReader();`,
        '  const decoder = new TextDecoder();',
        '  let buffer = "";',
        '  for (;;) {',
        '    const { done, value } = await reader.read();',
        '    if (done) break;',
        '    buffer += decoder.decode(value, { stream: true });',
        '    const lines = buffer.split("\\n");',
        '    buffer = lines.pop() ?? "";',
        '    for (const line of lines) {',
        '      const data = line.startsWith("data:") ? line.slice(5).trim() : "";',
        '      if (data === "" || data === "[DONE]") continue;',
        `      const chunk = JSON.parse(data)${t(' as { choices: { delta: { content?: string | null } }[]; usage?: unknown }')};`,
        '      process.stdout.write(chunk.choices[0]?.delta.content ?? "");',
        '      if (chunk.usage) console.log(`\\nusage: ${JSON.stringify(chunk.usage)}`);',
        '    }',
        '  }',
      );
      break;
    case 'task':
    case 'poll':
      if (spec.flow === 'task') {
        c.line('  const submitted = await send(', ...url(first!), ', ', ...init(first!, '  '), ');');
        c.line(`  const taskId = ((await submitted.json())${t(' as { output: { task_id: string } }')}).output.task_id;`);
        c.line('  console.log(`Task ${taskId} submitted`);');
      } else {
        const taskId = first!.path.match(/\{(\w+)\}/)?.[1] ?? 'taskId';
        c.line(`  const ${taskId} = `, slotIn(taskId, JS_STRING), ';');
      }
      c.lines(
        `  for (let delay = ${POLL.firstMs}; ; delay = Math.min(delay * 2, ${POLL.maxMs})) {`,
        '    await new Promise((resolve) => setTimeout(resolve, delay));',
        `    const task = (await (await send(\`\${baseUrl}/tasks/\${encodeURIComponent(taskId)}\`, { headers: { Authorization: \`Bearer \${apiKey}\` } })).json())${t(' as { output: { task_status: string } }')};`,
        '    const status = task.output.task_status;',
        '    console.log(`${taskId}: ${status}`);',
        '    if (status === "SUCCEEDED") {',
        '      console.log(JSON.stringify(task, null, 2));',
        '      return;',
        '    }',
        `    if (${JSON.stringify(TERMINAL_FAILURES)}.includes(status)) throw new Error(\`Task \${taskId} ended \${status}: \${JSON.stringify(task.output)}\`);`,
        '  }',
      );
      break;
    case 'mcp': {
      const [initialize, initialized, call] = spec.requests;
      c.line(`  const headers${t(': Record<string, string>')} = ${headers(first!, ['Accept: "application/json, text/event-stream"'])};`);
      c.line('  const session = await send(', ...url(initialize!), ', ', ...init(initialize!, '  ', 'headers'), ');');
      c.lines(
        '  const sessionId = session.headers.get("mcp-session-id");',
        '  if (sessionId) headers["Mcp-Session-Id"] = sessionId;',
        '  await session.text();',
      );
      c.line('  await send(', ...url(initialized!), ', ', ...init(initialized!, '  ', 'headers'), ');');
      c.line('  const response = await send(', ...url(call!), ', ', ...init(call!, '  ', 'headers'), ');');
      c.lines(
        '  const text = await response.text();',
        '  // Streamable HTTP answers with JSON, or with an event stream whose last data line is the JSON-RPC answer.',
        '  const payload = response.headers.get("content-type")?.includes("text/event-stream")',
        '    ? text.split("\\n").filter((line) => line.startsWith("data:")).map((line) => line.slice(5)).pop() ?? ""',
        '    : text;',
        `  const message = JSON.parse(payload)${t(' as { result?: unknown; error?: unknown }')};`,
        '  if (message.error) throw new Error(JSON.stringify(message.error));',
        '  console.log(JSON.stringify(message.result, null, 2));',
      );
      break;
    }
    case 'signed': {
      const request = first!;
      const { path, parameters } = signedParts(request);
      c.lines(
        '  const { createHash, createHmac, randomUUID } = await import("node:crypto");',
        `  const sha256 = (text${t(': string')}) => createHash("sha256").update(text).digest("hex");`,
        `  const encode = (text${t(': string')}) => encodeURIComponent(text).replace(/[!'()*]/g, (char) => \`%\${char.charCodeAt(0).toString(16).toUpperCase()}\`);`,
      );
      c.line('  const url = new URL(', ...url(path), ');');
      c.line('  const parameters = ', ...writeJson(parameters, style, '  '), ';');
      c.line('  const query = Object.entries(parameters).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, value]) => `${encode(name)}=${encode(String(value))}`).join("&");');
      if (request.body === undefined) c.line('  const body = "";');
      else c.line('  const body = JSON.stringify(', ...writeJson(request.body, style, '  '), ');');
      c.line(`  const headers${t(': Record<string, string>')} = {`);
      for (const [name, value] of Object.entries(request.headers ?? {})) c.line(`    ${jsString(name)}: ${jsString(value)},`);
      c.lines(
        '    "x-acs-content-sha256": sha256(body),',
        '    "x-acs-date": new Date().toISOString().replace(/\\.\\d{3}Z$/, "Z"),',
        '    "x-acs-signature-nonce": randomUUID(),',
        '  };',
        `  const signed${t(': Record<string, string>')} = { host: url.host, ...headers };`,
        '  const names = Object.keys(signed).sort();',
        `  const canonical = ["${request.method}", url.pathname, query, names.map((name) => \`\${name}:\${signed[name]${t('!')}.trim()}\\n\`).join(""), names.join(";"), signed["x-acs-content-sha256"]].join("\\n");`,
        '  const signature = createHmac("sha256", accessKeySecret).update(`ACS3-HMAC-SHA256\\n${sha256(canonical)}`).digest("hex");',
        '  const response = await fetch(`${url}?${query}`, {',
        `    method: "${request.method}",`,
        `    headers: { ...headers, ${request.body === undefined ? '' : '"Content-Type": "application/json", '}Authorization: \`ACS3-HMAC-SHA256 Credential=\${accessKeyId},SignedHeaders=\${names.join(";")},Signature=\${signature}\` },`,
        '    body,',
        '  });',
        '  if (!response.ok) throw new Error(`HTTP ${response.status} ${await response.text()}`);',
        '  console.log(JSON.stringify(await response.json(), null, 2));',
      );
      break;
    }
    case 'upload':
      c.line('  console.log(await upload(baseUrl, apiKey, ', slotIn('model', JS_STRING), ', ', slotIn('file', JS_STRING), '));');
      break;
  }
  c.lines(
    '}',
    '',
    `main().catch((error${t(': unknown')}) => {`,
    '  console.error(error);',
    '  process.exitCode = 1;',
    '});',
  );
  return c.pieces;
}

/** Temporary upload (§9): a policy for the model, a form POST to OSS, then the `oss://` URL. */
function emitUpload(c: Code, t: (text: string) => string): void {
  c.lines(
    `async function upload(baseUrl${t(': string')}, apiKey${t(': string')}, model${t(': string')}, path${t(': string')})${t(': Promise<string>')} {`,
    '  const { readFile } = await import("node:fs/promises");',
    '  const { basename } = await import("node:path");',
    '  const policy = await send(`${baseUrl}/uploads?action=getPolicy&model=${encodeURIComponent(model)}`, { headers: { Authorization: `Bearer ${apiKey}` } });',
    `  const { data } = (await policy.json())${t(' as { data: { upload_host: string; upload_dir: string; policy: string; signature: string; oss_access_key_id: string; x_oss_object_acl: string; x_oss_forbid_overwrite: string } }')};`,
    '  const key = `${data.upload_dir}/${basename(path)}`;',
    '  const form = new FormData();',
    '  form.append("OSSAccessKeyId", data.oss_access_key_id);',
    '  form.append("Signature", data.signature);',
    '  form.append("policy", data.policy);',
    '  form.append("key", key);',
    '  form.append("x-oss-object-acl", data.x_oss_object_acl);',
    '  form.append("x-oss-forbid-overwrite", data.x_oss_forbid_overwrite);',
    '  form.append("success_action_status", "200");',
    '  form.append("file", new Blob([await readFile(path)]), basename(path));',
    '  await send(data.upload_host, { method: "POST", body: form });',
    '  return `oss://${key}`;',
    '}',
    '',
  );
}
