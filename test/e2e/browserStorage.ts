// What the browser keeps for code-server (SecretStorage lives there): read to prove no key leaks.

/** Browser-side script: every localStorage entry and every record of every IndexedDB store, as text lines. */
export const DUMP_BROWSER_STORAGE = `(async () => {
  const text = (value) => value instanceof Uint8Array || value instanceof ArrayBuffer ? new TextDecoder().decode(value)
    : typeof value === 'string' ? value
    : JSON.stringify(value, (key, inner) => inner instanceof Uint8Array ? new TextDecoder().decode(inner) : inner);
  const done = (request) => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const lines = Object.entries(localStorage).map(([key, value]) => 'localStorage ' + key + '=' + value);
  for (const { name } of await indexedDB.databases()) {
    const db = await done(indexedDB.open(name));
    for (const store of db.objectStoreNames) {
      const keys = await done(db.transaction(store, 'readonly').objectStore(store).getAllKeys());
      const values = await done(db.transaction(store, 'readonly').objectStore(store).getAll());
      keys.forEach((key, i) => lines.push('indexedDB ' + name + '/' + store + ' ' + text(key) + '=' + text(values[i])));
    }
    db.close();
  }
  return lines.join('\\n');
})()`;
