// A refusal in IoT Central's terms (status, error code, message), thrown by domain rules and request readers
// shared by the demo backend (mocks/http.ts answers it in IoT Central's error envelope) and the gateway.
export class DomainError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const notFound = (what: string) => new DomainError(404, 'NotFound', `${what} was not found.`);
export const badRequest = (message: string) => new DomainError(400, 'BadRequest', message);
export const unknownTemplate = (template: string) =>
  badRequest(`Device template "${template}" does not exist in this application. Publish it first, or pick another.`);
