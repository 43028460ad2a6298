/**
 * The error catalogue: every error the bot raises, with its code, HTTP status and message.
 * docs/errors.md documents each code; test/bot/errors.test.ts fails when one is missing there.
 */
export const ERRORS = {
  BAD_REQUEST: { status: 400, message: 'The request is malformed.' },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  EMPTY_MESSAGE: { status: 400, message: 'The message text is empty.' },
  MESSAGE_TOO_LONG: { status: 400, message: 'The message text is too long.' },
  UNAUTHORIZED: { status: 401, message: 'A valid token is required for this conversation.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do this.' },
  SIGN_IN_FAILED: { status: 401, message: 'Sign-in did not complete; please sign in again.' },
  NO_AGENT_ROLE: {
    status: 403,
    message: 'Your account has neither the agent nor the supervisor role for this console.',
  },
  CSRF_TOKEN_INVALID: { status: 403, message: 'The x-csrf-token header is missing or wrong; reload the console.' },
  CONVERSATION_NOT_FOUND: { status: 404, message: 'No such conversation.' },
  NOT_FOUND: { status: 404, message: 'No such resource.' },
  NOT_IN_HANDOFF: { status: 409, message: 'This conversation is not waiting for or talking to an agent.' },
  ALREADY_CLAIMED: { status: 409, message: 'Another agent has already taken this conversation.' },
  NOT_YOUR_CONVERSATION: { status: 403, message: 'This conversation is held by another agent.' },
  AGENT_UNAVAILABLE: {
    status: 409,
    message: 'That agent is not signed in or is away; transfer to one listed by GET /api/agent/agents as online.',
  },
  REQUEST_TIMEOUT: { status: 408, message: 'The request did not arrive in time; send it again.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  URI_TOO_LONG: { status: 414, message: 'A part of the URL is too long.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send JSON (Content-Type: application/json).' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; slow down and try again shortly.' },
  HEADERS_TOO_LARGE: { status: 431, message: 'The request headers (or the URL) are too large.' },
  ORDER_SOURCE_UNAVAILABLE: { status: 503, message: 'The order platform cannot be reached right now.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  SHUTTING_DOWN: {
    status: 503,
    message:
      'This server is shutting down; send the request again (another instance, or this one once it is back, will answer).',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? ERRORS[code].message, options);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }

  toBody(): { error: { code: ErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export function isAppError(e: unknown, code?: ErrorCode): e is AppError {
  return e instanceof AppError && (code === undefined || e.code === code);
}
