import type { MessageKey } from './i18n';

/** The part of an error the server sends that a sentence can be made from. */
export type ServerProblem = {
  code?: string;
  reason?: string;
  params?: Record<string, string | number>;
};

/** An error answered by a REST endpoint (`{ code, message, reason?, params? }`). */
export class RestError extends Error {
  constructor(
    message: string,
    readonly problem: ServerProblem,
    readonly status: number,
  ) {
    super(message);
    this.name = 'RestError';
  }

  /** Reads a failed response's body into an error (JSON or not). */
  static async from(res: Response): Promise<RestError> {
    const text = await res.text().catch(() => '');
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      // not JSON: the status says enough
    }
    const message = typeof body.message === 'string' ? body.message : `HTTP ${res.status}`;
    return new RestError(message, problemOf(body), res.status);
  }
}

function problemOf(value: Record<string, unknown>): ServerProblem {
  return {
    code: typeof value.code === 'string' ? value.code : undefined,
    reason: typeof value.reason === 'string' ? value.reason : undefined,
    params:
      value.params && typeof value.params === 'object'
        ? (value.params as Record<string, string | number>)
        : undefined,
  };
}

/** What the server said about the first thing that went wrong, from any error the app meets. */
export function serverProblem(error: unknown): ServerProblem | null {
  if (error instanceof RestError) return error.problem;
  if (!error || typeof error !== 'object') return null;
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const extensions = (errors[0] as { extensions?: unknown }).extensions;
    if (extensions && typeof extensions === 'object')
      return problemOf(extensions as Record<string, unknown>);
    return {};
  }
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  if (typeof statusCode === 'number') return { code: statusCode >= 500 ? 'SERVER' : 'HTTP' };
  return null;
}

const CODE_KEYS: Record<string, MessageKey> = {
  BAD_USER_INPUT: 'error.code.BAD_USER_INPUT',
  UNAUTHENTICATED: 'error.code.UNAUTHENTICATED',
  FORBIDDEN: 'error.code.FORBIDDEN',
  NOT_FOUND: 'error.code.NOT_FOUND',
  CONFLICT: 'error.code.CONFLICT',
  PAYLOAD_TOO_LARGE: 'error.code.PAYLOAD_TOO_LARGE',
};

/**
 * Parameters the server sends as codes (a status, a role, an action), translated here through
 * the catalogue entry `<prefix><code>`: the sentence never shows `SUBMITTED` or `approve`.
 */
const CODE_PARAMS: Record<string, string> = {
  status: 'status.',
  roundStatus: 'roundStatus.',
  role: 'role.',
  action: 'workflowAction.',
};

function translatedParams(
  params: Record<string, string | number> | undefined,
  t: (key: MessageKey) => string,
  has: (key: string) => key is MessageKey,
): Record<string, string | number> | undefined {
  if (!params) return params;
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    const key = CODE_PARAMS[name] ? `${CODE_PARAMS[name]}${value}` : null;
    out[name] = key && has(key) ? t(key) : value;
  }
  return out;
}

/**
 * A sentence in the reader's language for an error: the server's reason when the catalogue has
 * it (`error.<reason>`), else one for its code, else a network or generic one. Never the
 * server's English text.
 */
export function errorText(
  error: unknown,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
  has: (key: string) => key is MessageKey,
): string {
  const problem = serverProblem(error);
  if (!problem) {
    if (error instanceof TypeError) return t('error.network');
    return t('error.unknown');
  }
  const reasonKey = problem.reason ? `error.${problem.reason}` : null;
  if (reasonKey && has(reasonKey)) return t(reasonKey, translatedParams(problem.params, t, has));
  const codeKey = problem.code ? CODE_KEYS[problem.code] : undefined;
  if (codeKey) return t(codeKey);
  return t('error.unknown');
}
