/** The owner every benchmark's admin app creates at start (SIGHTLINE_OWNER_* variables). */
export const BENCH_OWNER = { email: 'bench@example.com', password: 'bench password 1234' };
export const ownerEnv = {
  SIGHTLINE_OWNER_EMAIL: BENCH_OWNER.email,
  SIGHTLINE_OWNER_PASSWORD: BENCH_OWNER.password,
};

export interface AdminClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** Opens a server-sent event stream; `onEvent` gets each event's name and parsed data. */
  stream(path: string, onEvent: (event: string, data: unknown) => void): { close(): void };
}

/** The admin app's JSON API, signed in as the benchmark's owner. */
export async function signInAdmin(webUrl: string): Promise<AdminClient> {
  const login = await fetch(`${webUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: webUrl },
    body: JSON.stringify(BENCH_OWNER),
  });
  if (!login.ok) throw new Error(`sign-in answered ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const headers = { cookie, origin: webUrl, 'content-type': 'application/json' };
  const answer = async <T>(response: Response, what: string): Promise<T> => {
    if (!response.ok)
      throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    get: async (path) => answer(await fetch(`${webUrl}${path}`, { headers }), `GET ${path}`),
    post: async (path, body) =>
      answer(
        await fetch(`${webUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }),
        `POST ${path}`,
      ),
    put: async (path, body) =>
      answer(
        await fetch(`${webUrl}${path}`, { method: 'PUT', headers, body: JSON.stringify(body) }),
        `PUT ${path}`,
      ),
    stream(path, onEvent) {
      const controller = new AbortController();
      void (async () => {
        const response = await fetch(`${webUrl}${path}`, { headers, signal: controller.signal });
        const decoder = new TextDecoder();
        let buffer = '';
        const reader = response.body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data) onEvent(event, JSON.parse(data));
          }
        }
      })().catch(() => undefined);
      return { close: () => controller.abort() };
    },
  };
}
