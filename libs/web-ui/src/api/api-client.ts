import { ApiError, isProblemDetails } from './problem';

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  /** No bearer token, and a 401 is the answer itself rather than an expired session (sign-in). */
  anonymous?: boolean;
  /** Overrides the session's token (the sign-in flow asks /v1/me before the session exists). */
  token?: string;
  /** Sent as Idempotency-Key: the same key for every retry of one user action. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  /** Prefix of every path; empty for the API of the origin that served the app. */
  baseUrl?: string;
  getToken(): string | null;
  /** Called on a 401 to an authenticated call: the token expired or was revoked. */
  onUnauthorized?(error: ApiError): void;
  fetch?: typeof fetch;
}

export interface ApiClient {
  get<T>(path: string, query?: QueryParams, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
}

export function withQuery(path: string, query: QueryParams = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** JSON over fetch; every non-2xx answer becomes an ApiError carrying the API's problem+json. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(
    method: string,
    path: string,
    body: unknown,
    opts: RequestOptions = {},
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    const token = opts.anonymous ? null : (opts.token ?? options.getToken());
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: opts.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError({
        type: 'about:blank',
        title: 'The API cannot be reached',
        status: 0,
        detail: 'The API cannot be reached. Check the connection and try again.',
        code: 'network_error',
      });
    }
    const payload: unknown = await readJson(response);
    if (response.ok) return payload as T;
    const error = new ApiError(
      isProblemDetails(payload)
        ? payload
        : {
            type: 'about:blank',
            title: response.statusText || `HTTP ${response.status}`,
            status: response.status,
            detail: `The API answered ${response.status} ${response.statusText}.`.trim(),
          },
    );
    if (response.status === 401 && !opts.anonymous && !opts.token) options.onUnauthorized?.(error);
    throw error;
  }

  return {
    get: (path, query, opts) => request('GET', withQuery(path, query), undefined, opts),
    post: (path, body, opts) => request('POST', path, body ?? {}, opts),
    put: (path, body, opts) => request('PUT', path, body ?? {}, opts),
    patch: (path, body, opts) => request('PATCH', path, body ?? {}, opts),
    delete: (path, opts) => request('DELETE', path, undefined, opts),
  };
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
