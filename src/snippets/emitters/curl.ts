import { ENV, type RequestTemplate } from '../model';
import { Code, slotIn, snakeCase, type Piece } from '../pieces';
import { bashComment, doubleQuotedText, SINGLE_QUOTED } from '../quoting/bash';
import { JSON_STRING, quote } from '../quoting/text';
import { defaultBase, MISSING_ACCESS_KEY, keyVariable, missingKey, POLL, refsOf, requestHeaders, rootOf, signedParts, TERMINAL_FAILURES, urlPieces, writeStrictJson, type EmitInput, type JsonStyle } from './shared';

/** JSON bodies sit in quoted here-documents, where bash expands nothing; runtime values are jq variables. */
const jsonStyle: JsonStyle = { key: (key) => quote(JSON_STRING, key), quoting: JSON_STRING, literal: (value) => JSON.stringify(value), ref: (name) => [`$${snakeCase(name)}`] };
/** Percent-encodes its argument as RFC 3986 wants (one awk pass over the bytes: a shell loop per byte takes minutes on a long text). */
const URLENCODE = `urlencode() { printf '%s' "$1" | od -An -v -tx1 | LC_ALL=C awk 'BEGIN { for (i = 0; i < 128; i++) char[sprintf("%02X", i)] = sprintf("%c", i) } { for (i = 1; i <= NF; i++) { byte = toupper($i); if (byte ~ /^(2D|2E|5F|7E|3[0-9]|4[1-9A-F]|5[0-9A]|6[1-9A-F]|7[0-9A])$/) printf "%s", char[byte]; else printf "%%%s", byte } }'; }`;
/** The variable's value, else the default in single quotes (a custom base URL may hold `$`, `}` or backticks). */
const baseUrl = (variable: string, fallback: string) => `BASE_URL="\${${variable}:-}"; [ -n "$BASE_URL" ] || BASE_URL=${quote(SINGLE_QUOTED, fallback)}`;
const fail = (message: string) => `{ echo ${quote(SINGLE_QUOTED, message)} >&2; exit 1; }`;

/** Bash with curl; JSON fields are read with sed (one-line answers), signing uses openssl, upload URLs join bodies with jq. */
export function emitCurl({ spec, endpoint, title }: EmitInput): Piece[] {
  const root = rootOf(spec);
  const url = (request: RequestTemplate): Piece[] => ['"$BASE_URL', ...urlPieces(request, (name) => `\${${snakeCase(name)}}`, doubleQuotedText), '"'];
  const headerArgs = (request: RequestTemplate, extra: string[] = []) => [
    ...(root === 'openApi' ? [] : [`Authorization: Bearer $${keyVariable(endpoint)}`]),
    ...requestHeaders(spec, request).map(([name, value]) => doubleQuotedText(`${name}: ${value}`)),
    ...extra,
  ].map((header) => ` \\\n  -H "${header}"`).join('');
  /**
   * `curl ...` with the body as a quoted here-document. A body with upload URLs is a jq program instead
   * (the same JSON, the URLs as `$variables` given with `--arg`), so no text in it is ever expanded by bash.
   */
  const curl = (request: RequestTemplate, options: { extra?: string[]; flags?: string; pipe?: string } = {}): Piece[] => {
    const head: Piece[] = [`curl -sS --fail-with-body${options.flags ?? ''} -X ${request.method} `, ...url(request), headerArgs(request, options.extra)];
    if (request.body === undefined) return [...head, options.pipe ?? ''];
    const body = [...writeStrictJson(request.body, jsonStyle, ''), '\nJSON'];
    const refs = refsOf(request.body).map(snakeCase);
    if (refs.length === 0) return [...head, ` \\\n  --data-binary @- <<'JSON'${options.pipe ?? ''}\n`, ...body];
    const jq = `jq -n${refs.map((name) => ` --arg ${name} "$${name}"`).join('')} -f /dev/stdin <<'JSON' | `;
    return [jq, ...head, ` \\\n  --data-binary @-${options.pipe ?? ''}\n`, ...body];
  };

  const c = new Code();
  c.line(bashComment(title));
  // A subshell: pasted into a terminal, neither `set -e` nor an error closes it, and no variable leaks.
  c.line('(');
  c.line('set -euo pipefail');
  if (root === 'openApi') {
    c.lines(
      `[ -n "\${${ENV.accessKeyId}:-}" ] && [ -n "\${${ENV.accessKeySecret}:-}" ] || ${fail(MISSING_ACCESS_KEY)}`,
      baseUrl(ENV.openApiEndpoint, defaultBase(root, endpoint)),
    );
  } else {
    c.line(`[ -n "\${${keyVariable(endpoint)}:-}" ] || ${fail(missingKey(endpoint))}`);
    const env = root === 'compatible' ? ENV.compatibleBase : ENV.nativeBase;
    c.line(baseUrl(env, defaultBase(root, endpoint)));
    if (root === 'nativeV2') c.line('BASE_URL="${BASE_URL%/v1}/v2"');
  }
  const needsFields = spec.files?.length || spec.flow === 'upload' || spec.flow === 'task' || spec.flow === 'poll';
  if (spec.flow === 'task' || spec.flow === 'poll' || spec.flow === 'signed') c.line(URLENCODE);
  if (needsFields) c.line(`json_field() { sed -n "s/.*\\"$1\\": *\\"\\([^\\"]*\\)\\".*/\\1/p"; }`);
  if (spec.requests.some((request) => request.body !== undefined && refsOf(request.body).length > 0)) {
    c.line(`command -v jq >/dev/null || ${fail('This snippet needs jq (https://jqlang.org).')}`);
  }
  if (spec.files?.length || spec.flow === 'upload') emitUpload(c, keyVariable(endpoint));
  for (const file of spec.files ?? []) c.line(`${snakeCase(file.variable)}=$(upload `, slotIn('model', SINGLE_QUOTED), ' ', slotIn(file.slot, SINGLE_QUOTED), ')');

  const [first] = spec.requests;
  switch (spec.flow) {
    case 'json':
      for (const request of spec.requests) c.line(...curl(request)).line('echo');
      break;
    case 'sse':
      c.line(...curl(first!, { flags: ' -N' }));
      break;
    case 'task':
    case 'poll':
      if (spec.flow === 'task') {
        c.line('response=$(', ...curl(first!), '\n) || { printf \'%s\\n\' "$response" >&2; exit 1; }');
        c.line('task_id=$(printf \'%s\' "$response" | json_field task_id)');
        c.line('echo "Task $task_id submitted"');
      } else {
        c.line('task_id=', slotIn(first!.path.match(/\{(\w+)\}/)?.[1] ?? 'taskId', SINGLE_QUOTED));
      }
      c.lines(
        `delay=${POLL.firstMs / 1000}`,
        'while true; do',
        '  sleep "$delay"',
        `  task=$(curl -sS --fail-with-body "$BASE_URL/tasks/$(urlencode "$task_id")" -H "Authorization: Bearer $${keyVariable(endpoint)}") || { printf '%s\\n' "$task" >&2; exit 1; }`,
        '  status=$(printf \'%s\' "$task" | json_field task_status)',
        '  echo "$task_id: $status"',
        '  case "$status" in',
        '    SUCCEEDED) printf \'%s\\n\' "$task"; break ;;',
        `    ${TERMINAL_FAILURES.join('|')}) printf '%s\\n' "$task" >&2; exit 1 ;;`,
        '  esac',
        `  delay=$(( delay * 2 > ${POLL.maxMs / 1000} ? ${POLL.maxMs / 1000} : delay * 2 ))`,
        'done',
      );
      break;
    case 'mcp': {
      const [initialize, initialized, call] = spec.requests;
      const accept = ['Accept: application/json, text/event-stream'];
      c.line('session_id=$(', ...curl(initialize!, { extra: accept, flags: ' -D - -o /dev/null', pipe: ' | tr -d \'\\r\' | awk \'tolower($1) == "mcp-session-id:" { print $2 }\'' }), '\n)');
      const session = [...accept, 'Mcp-Session-Id: $session_id'];
      c.line(...curl(initialized!, { extra: session, pipe: ' >/dev/null' }));
      c.line('# Streamable HTTP answers with JSON, or with an event stream whose data line is the JSON-RPC answer.');
      c.line(...curl(call!, { extra: session }));
      c.line('echo');
      break;
    }
    case 'signed': {
      const request = first!;
      const { path } = signedParts(request);
      const values: Record<string, string> = { host: '$host', 'x-acs-content-sha256': '$body_hash', 'x-acs-date': '$date', 'x-acs-signature-nonce': '$nonce', ...request.headers };
      const names = Object.keys(values).sort();
      // Parameters in canonical order (sorted by name), each value percent-encoded as ACS3 wants it.
      const query = Object.entries(request.query ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([name, value], index): Piece[] => [
        `${index === 0 ? '' : '&'}${encodeURIComponent(name)}=`,
        ...(typeof value === 'object' ? ['$(urlencode ', slotIn(value.slot, SINGLE_QUOTED), ')'] : [encodeURIComponent(String(value))]),
      ]);
      if (request.body === undefined) c.line("body=''");
      else {
        c.line("body=$(cat <<'JSON'");
        c.add(...writeStrictJson(request.body, jsonStyle, ''), '\nJSON\n)\n');
      }
      c.lines(
        'host=${BASE_URL#*://}; host=${host%%/*}',
        "body_hash=$(printf '%s' \"$body\" | openssl dgst -sha256 -hex | sed 's/^.* //')",
        'date=$(date -u +%Y-%m-%dT%H:%M:%SZ)',
        'nonce=$(openssl rand -hex 16)',
      );
      c.line('path="', ...urlPieces(path, (name) => `\${${snakeCase(name)}}`, doubleQuotedText), '"');
      c.line('query="', ...query, '"');
      c.line(`signed_headers="${names.join(';')}"`);
      c.line(`canonical="${request.method}`);
      c.line('$path');
      c.line('$query');
      for (const name of names) c.line(`${name}:${values[name]}`);
      c.line('');
      c.line('$signed_headers');
      c.line('$body_hash"');
      c.lines(
        "string_to_sign=$(printf 'ACS3-HMAC-SHA256\\n%s' \"$(printf '%s' \"$canonical\" | openssl dgst -sha256 -hex | sed 's/^.* //')\")",
        `signature=$(printf '%s' "$string_to_sign" | openssl dgst -sha256 -hmac "$${ENV.accessKeySecret}" -hex | sed 's/^.* //')`,
      );
      c.line(`curl -sS --fail-with-body -X ${request.method} "$BASE_URL$path?$query"`, [
        ...Object.keys(request.headers ?? {}).map((name) => `${name}: ${values[name]}`),
        'x-acs-content-sha256: $body_hash', 'x-acs-date: $date', 'x-acs-signature-nonce: $nonce', 'Content-Type: application/json',
        `Authorization: ACS3-HMAC-SHA256 Credential=$${ENV.accessKeyId},SignedHeaders=$signed_headers,Signature=$signature`,
      ].map((header) => ` \\\n  -H "${header}"`).join(''), ' \\\n  --data-binary "$body"');
      c.line('echo');
      break;
    }
    case 'upload':
      c.line('upload ', slotIn('model', SINGLE_QUOTED), ' ', slotIn('file', SINGLE_QUOTED));
      c.line('echo');
      break;
  }
  c.line(')');
  return c.pieces;
}

/** Temporary upload (§9): a policy for the model, a form POST to OSS, then the `oss://` URL on stdout. */
function emitUpload(c: Code, key: string): void {
  c.lines(
    'upload() { # MODEL FILE',
    `  local policy key; policy=$(curl -sS --fail-with-body -G "$BASE_URL/uploads" --data-urlencode action=getPolicy --data-urlencode "model=$1" -H "Authorization: Bearer $${key}")`,
    '  key="$(printf \'%s\' "$policy" | json_field upload_dir)/$(basename "$2")"',
    '  curl -sS --fail-with-body -o /dev/null -X POST "$(printf \'%s\' "$policy" | json_field upload_host)" \\',
    '    --form-string "OSSAccessKeyId=$(printf \'%s\' "$policy" | json_field oss_access_key_id)" \\',
    '    --form-string "Signature=$(printf \'%s\' "$policy" | json_field signature)" \\',
    '    --form-string "policy=$(printf \'%s\' "$policy" | json_field policy)" \\',
    '    --form-string "key=$key" \\',
    '    --form-string "x-oss-object-acl=$(printf \'%s\' "$policy" | json_field x_oss_object_acl)" \\',
    '    --form-string "x-oss-forbid-overwrite=$(printf \'%s\' "$policy" | json_field x_oss_forbid_overwrite)" \\',
    '    --form-string "success_action_status=200" \\',
    '    -F "file=@$2"',
    '  printf \'oss://%s\' "$key"',
    '}',
  );
}
