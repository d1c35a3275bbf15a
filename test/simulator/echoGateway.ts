import type { SimRequest } from './http';

/**
 * The `echo-auth` fault: a misbehaving gateway that refuses the call and echoes the caller's Authorization header
 * into every field of its error (code, request id, message, `x-request-id`), in the route's body shape.
 */
export function echoAuthorization(req: SimRequest): true {
  const echoed = String(req.headers.authorization ?? '');
  const message = `Malformed header Authorization: ${echoed}`;
  const body = req.family === 'compat'
    ? { error: { message, type: echoed, param: null, code: echoed }, request_id: echoed }
    : { request_id: echoed, code: echoed, message };
  req.res.writeHead(401, { 'content-type': 'application/json', 'x-request-id': echoed });
  req.res.end(JSON.stringify(body));
  return true;
}
