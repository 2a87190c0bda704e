/** A refusal from the API, with its message (and issues, for forms). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** Calls the JSON API of this app; throws ApiError with the server's message on refusal. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
  });
  if (response.status === 401 && !location.pathname.startsWith('/login')) {
    location.assign(`/login?next=${encodeURIComponent(location.pathname)}`);
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => ({}))) as {
    message?: string;
    issues?: { path: string; message: string }[];
  };
  if (!response.ok)
    throw new ApiError(response.status, body.message ?? `HTTP ${response.status}`, body.issues);
  return body as T;
}

export const errorText = (error: unknown): string =>
  error instanceof ApiError
    ? [error.message, ...error.issues.map((i) => `${i.path}: ${i.message}`)].join(' — ')
    : String(error);
