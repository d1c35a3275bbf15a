import { ENV, type RequestTemplate } from '../model';
import { Code, slotIn, snakeCase, type Piece } from '../pieces';
import { pyComment, pyFStringText, pyString, PY_STRING } from '../quoting/python';
import { defaultBase, MISSING_ACCESS_KEY, keyVariable, missingKey, POLL, requestHeaders, rootOf, signedParts, TERMINAL_FAILURES, urlPieces, writeJson, type EmitInput, type JsonStyle } from './shared';

const style: JsonStyle = {
  key: pyString,
  quoting: PY_STRING,
  literal: (value) => (value === null ? 'None' : value === true ? 'True' : value === false ? 'False' : String(value)),
  ref: (name) => [snakeCase(name)],
  step: '    ',
};

/** Python 3 with `requests`. */
export function emitPython({ spec, endpoint, title }: EmitInput): Piece[] {
  const root = rootOf(spec);
  const url = (request: RequestTemplate): Piece[] => ['f"{BASE_URL}', ...urlPieces(request, (name) => `{${snakeCase(name)}}`, pyFStringText), '"'];
  const headerDict = (request: RequestTemplate, extra: string[] = []) =>
    `{${[...(root === 'openApi' ? [] : ['"Authorization": f"Bearer {API_KEY}"']), ...requestHeaders(spec, request).map(([name, value]) => `${pyString(name)}: ${pyString(value)}`), ...extra].join(', ')}}`;
  /** `requests.<method>(...)` over several lines, without a line end. */
  const call = (request: RequestTemplate, headers = headerDict(request), extra = ''): Piece[] => [
    `requests.${request.method.toLowerCase()}(\n    `, ...url(request), `,\n    headers=${headers},\n`,
    ...(request.body === undefined ? [] : ['    json=', ...writeJson(request.body, style, '    '), ',\n']),
    `    timeout=300,${extra}\n)`,
  ];

  const c = new Code();
  c.line(pyComment(title));
  const imports = [...(spec.flow === 'upload' ? [] : ['json']), 'os', ...(spec.flow === 'task' || spec.flow === 'poll' ? ['time'] : []), ...(spec.flow === 'signed' ? ['hashlib', 'hmac', 'uuid', 'datetime'] : []), ...(spec.files?.length || spec.flow === 'upload' ? ['pathlib'] : [])];
  for (const name of imports.sort()) c.line(`import ${name}`);
  if (spec.flow === 'signed' || spec.flow === 'task' || spec.flow === 'poll') c.line('import urllib.parse');
  c.lines('', 'import requests', '');
  if (root === 'openApi') {
    c.lines(
      `ACCESS_KEY_ID = os.environ.get("${ENV.accessKeyId}")`,
      `ACCESS_KEY_SECRET = os.environ.get("${ENV.accessKeySecret}")`,
      'if not ACCESS_KEY_ID or not ACCESS_KEY_SECRET:',
      `    raise SystemExit(${pyString(MISSING_ACCESS_KEY)})`,
      `BASE_URL = os.environ.get("${ENV.openApiEndpoint}", ${pyString(defaultBase(root, endpoint))})`,
    );
  } else {
    c.lines(
      `API_KEY = os.environ.get("${keyVariable(endpoint)}")`,
      'if not API_KEY:',
      `    raise SystemExit(${pyString(missingKey(endpoint))})`,
    );
    const env = root === 'compatible' ? ENV.compatibleBase : ENV.nativeBase;
    const base = `os.environ.get("${env}", ${pyString(defaultBase(root, endpoint))})`;
    c.line(`BASE_URL = ${root === 'nativeV2' ? `${base}.removesuffix("/v1") + "/v2"` : base}`);
  }
  c.lines(
    '',
    '',
    'def check(response):',
    '    if not response.ok:',
    '        raise SystemExit(f"{response.request.method} {response.url}: HTTP {response.status_code} {response.text}")',
    '    return response',
    '',
  );
  if (spec.files?.length || spec.flow === 'upload') emitUpload(c);
  c.line('');
  for (const file of spec.files ?? []) c.line(`${snakeCase(file.variable)} = upload(`, slotIn('model', PY_STRING), ', ', slotIn(file.slot, PY_STRING), ')');

  const [first] = spec.requests;
  switch (spec.flow) {
    case 'json':
      for (const request of spec.requests) {
        c.line('response = check(', ...call(request), ')');
        c.line('print(json.dumps(response.json(), indent=2, ensure_ascii=False))');
      }
      break;
    case 'sse':
      c.line('with ', ...call(first!, headerDict(first!), ' stream=True,'), ' as response:');
      c.lines(
        '    check(response)',
        '    response.encoding = "utf-8"',
        // Split on "\n" only: splitlines() also breaks at U+2028, U+0085 and others that JSON carries raw.
        '    for line in response.iter_lines(decode_unicode=True, delimiter="\\n"):',
        '        data = line[5:].strip() if line.startswith("data:") else ""',
        '        if data in ("", "[DONE]"):',
        '            continue',
        '        chunk = json.loads(data)',
        '        if chunk["choices"]:',
        '            print(chunk["choices"][0]["delta"].get("content") or "", end="", flush=True)',
        '        if chunk.get("usage"):',
        '            print("\\nusage:", json.dumps(chunk["usage"]))',
      );
      break;
    case 'task':
    case 'poll':
      if (spec.flow === 'task') {
        c.line('submitted = check(', ...call(first!), ')');
        c.line('task_id = submitted.json()["output"]["task_id"]');
        c.line('print(f"Task {task_id} submitted")');
      } else {
        c.line('task_id = ', slotIn(first!.path.match(/\{(\w+)\}/)?.[1] ?? 'taskId', PY_STRING));
      }
      c.lines(
        `delay = ${POLL.firstMs / 1000}`,
        'while True:',
        '    time.sleep(delay)',
        '    task = check(requests.get(f"{BASE_URL}/tasks/{urllib.parse.quote(task_id, safe=\'\')}", headers={"Authorization": f"Bearer {API_KEY}"}, timeout=60)).json()',
        '    status = task["output"]["task_status"]',
        '    print(f"{task_id}: {status}")',
        '    if status == "SUCCEEDED":',
        '        print(json.dumps(task, indent=2, ensure_ascii=False))',
        '        break',
        `    if status in (${TERMINAL_FAILURES.map((s) => JSON.stringify(s)).join(', ')}):`,
        '        raise SystemExit(f"Task {task_id} ended {status}: {json.dumps(task[\'output\'])}")',
        `    delay = min(delay * 2, ${POLL.maxMs / 1000})`,
      );
      break;
    case 'mcp': {
      const [initialize, initialized, callRequest] = spec.requests;
      c.line(`headers = ${headerDict(first!, ['"Accept": "application/json, text/event-stream"'])}`);
      c.line('session = check(', ...call(initialize!, 'headers'), ')');
      c.lines('if session.headers.get("Mcp-Session-Id"):', '    headers["Mcp-Session-Id"] = session.headers["Mcp-Session-Id"]');
      c.line('check(', ...call(initialized!, 'headers'), ')');
      c.line('response = check(', ...call(callRequest!, 'headers'), ')');
      c.lines(
        '# Streamable HTTP answers with JSON, or with an event stream whose last data line is the JSON-RPC answer.',
        'if "text/event-stream" in response.headers.get("Content-Type", ""):',
        '    payload = [line[5:] for line in response.text.split("\\n") if line.startswith("data:")][-1]',
        'else:',
        '    payload = response.text',
        'message = json.loads(payload)',
        'if "error" in message:',
        '    raise SystemExit(json.dumps(message["error"]))',
        'print(json.dumps(message["result"], indent=2, ensure_ascii=False))',
      );
      break;
    }
    case 'signed': {
      const request = first!;
      const { path, parameters } = signedParts(request);
      c.line('url = urllib.parse.urlsplit(', ...url(path), ')');
      c.line('parameters = ', ...writeJson(parameters, style, ''));
      c.line('query = "&".join(f"{urllib.parse.quote(name, safe=\'~\')}={urllib.parse.quote(str(value), safe=\'~\')}" for name, value in sorted(parameters.items()))');
      if (request.body === undefined) c.line('body = ""');
      else c.line('body = json.dumps(', ...writeJson(request.body, style, ''), ')');
      c.line('headers = {');
      for (const [name, value] of Object.entries(request.headers ?? {})) c.line(`    ${pyString(name)}: ${pyString(value)},`);
      c.lines(
        '    "x-acs-content-sha256": hashlib.sha256(body.encode()).hexdigest(),',
        '    "x-acs-date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),',
        '    "x-acs-signature-nonce": uuid.uuid4().hex,',
        '}',
        'signed = {"host": url.netloc, **headers}',
        'names = sorted(signed)',
        `canonical = "\\n".join(["${request.method}", url.path or "/", query, "".join(f"{name}:{signed[name].strip()}\\n" for name in names), ";".join(names), headers["x-acs-content-sha256"]])`,
        'string_to_sign = "ACS3-HMAC-SHA256\\n" + hashlib.sha256(canonical.encode()).hexdigest()',
        'signature = hmac.new(ACCESS_KEY_SECRET.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()',
        ...(request.body === undefined ? [] : ['headers["Content-Type"] = "application/json"']),
        'headers["Authorization"] = f"ACS3-HMAC-SHA256 Credential={ACCESS_KEY_ID},SignedHeaders={\';\'.join(names)},Signature={signature}"',
        `response = check(requests.${request.method.toLowerCase()}(f"{url.geturl()}?{query}", headers=headers, data=body.encode(), timeout=60))`,
        'print(json.dumps(response.json(), indent=2, ensure_ascii=False))',
      );
      break;
    }
    case 'upload':
      c.line('print(upload(', slotIn('model', PY_STRING), ', ', slotIn('file', PY_STRING), '))');
      break;
  }
  return c.pieces;
}

/** Temporary upload (§9): a policy for the model, a form POST to OSS, then the `oss://` URL. */
function emitUpload(c: Code): void {
  c.lines(
    '',
    'def upload(model, path):',
    '    policy = check(requests.get(f"{BASE_URL}/uploads", params={"action": "getPolicy", "model": model}, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=60)).json()["data"]',
    '    key = f"{policy[\'upload_dir\']}/{pathlib.Path(path).name}"',
    '    form = {',
    '        "OSSAccessKeyId": policy["oss_access_key_id"],',
    '        "Signature": policy["signature"],',
    '        "policy": policy["policy"],',
    '        "key": key,',
    '        "x-oss-object-acl": policy["x_oss_object_acl"],',
    '        "x-oss-forbid-overwrite": policy["x_oss_forbid_overwrite"],',
    '        "success_action_status": "200",',
    '    }',
    '    with open(path, "rb") as file:',
    '        check(requests.post(policy["upload_host"], data=form, files={"file": (pathlib.Path(path).name, file)}, timeout=300))',
    '    return f"oss://{key}"',
    '',
  );
}
