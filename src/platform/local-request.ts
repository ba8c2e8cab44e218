/**
 * A request answered by the app in this thread, through Fastify's router, with no socket:
 * what a render thread does with each request the main thread hands it (cli/render-worker.ts).
 *
 * Fastify's `inject()` (light-my-request) builds a readable stream, a `ServerResponse` and a
 * socket stand-in for every request, and under a search flood a render thread kept 8 KB of
 * each one past two scavenges (a dead, promoted request's objects pointing at the next
 * one's): collections every few hundred searches whose pauses were most of search's p99
 * (bench/PROFILE.md section 10). Here the request is a plain object carrying what Fastify,
 * its plugins and our hooks read (method, url, headers, the remote address), and the response
 * collects what is written to it. Streams piped into it work (they only need `write`, `end`
 * and events); nothing else of a socket is offered.
 *
 * @example
 *   const answer = await answerLocally(app.http, { method: 'GET', url: '/search?q=haushalt', headers: { host: 'example.org' }, remoteAddress: '203.0.113.5' });
 *   answer.statusCode; // 200
 *   answer.body.toString('utf8'); // '<!doctype html>…'
 */
import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

export interface LocalRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  remoteAddress: string;
}

export interface LocalAnswer {
  statusCode: number;
  /** Names in lower case, as `ServerResponse.getHeaders()` gives them. */
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

type HeaderValue = number | string | string[];
type Callback = (error?: Error | null) => void;

/** What Fastify reads of `request.socket`: the address (request.ip) and whether it is TLS (request.protocol). */
function socketOf(remoteAddress: string) {
  return { remoteAddress, remotePort: 0, encrypted: false, on: noop, once: noop, removeListener: noop, setTimeout: noop, destroy: noop };
}

function noop(): void {}

class LocalIncoming extends EventEmitter {
  readonly httpVersion = '1.1';
  readonly httpVersionMajor = 1;
  readonly httpVersionMinor = 1;
  readonly complete = true;
  readonly aborted = false;
  readonly rawHeaders: string[] = [];
  readonly socket: ReturnType<typeof socketOf>;
  readonly connection: ReturnType<typeof socketOf>;
  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: IncomingHttpHeaders,
    remoteAddress: string,
  ) {
    super();
    this.socket = this.connection = socketOf(remoteAddress);
  }
  resume(): this {
    return this;
  }
  destroy(): this {
    return this;
  }
}

class LocalResponse extends EventEmitter {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  writableEnded = false;
  writableFinished = false;
  destroyed = false;
  sendDate = false;
  private readonly fields: Record<string, HeaderValue> = {};
  private readonly chunks: Buffer[] = [];

  constructor(private readonly settle: (answer: LocalAnswer | Error) => void) {
    super();
  }

  setHeader(name: string, value: HeaderValue): this {
    this.fields[name.toLowerCase()] = value;
    return this;
  }
  getHeader(name: string): HeaderValue | undefined {
    return this.fields[name.toLowerCase()];
  }
  getHeaders(): OutgoingHttpHeaders {
    return { ...this.fields };
  }
  getHeaderNames(): string[] {
    return Object.keys(this.fields);
  }
  hasHeader(name: string): boolean {
    return name.toLowerCase() in this.fields;
  }
  removeHeader(name: string): void {
    delete this.fields[name.toLowerCase()];
  }
  flushHeaders(): void {
    this.headersSent = true;
  }
  addTrailers(): void {}

  /** `writeHead(status[, message][, headers])`, headers as an object or a flat [name, value, …] list. */
  writeHead(status: number, message?: string | OutgoingHttpHeaders | HeaderValue[], headers?: OutgoingHttpHeaders | HeaderValue[]): this {
    const fields = typeof message === 'string' ? headers : message;
    if (typeof message === 'string') this.statusMessage = message;
    this.statusCode = status;
    if (Array.isArray(fields)) for (let i = 0; i + 1 < fields.length; i += 2) this.setHeader(String(fields[i]), fields[i + 1]!);
    else if (fields) for (const name in fields) if (fields[name] !== undefined) this.setHeader(name, fields[name]!);
    this.headersSent = true;
    return this;
  }

  write(chunk: unknown, encoding?: BufferEncoding | Callback, callback?: Callback): boolean {
    const done = typeof encoding === 'function' ? encoding : callback;
    this.collect(chunk, typeof encoding === 'string' ? encoding : undefined);
    if (done) process.nextTick(done);
    return true;
  }

  end(chunk?: unknown, encoding?: BufferEncoding | Callback, callback?: Callback): this {
    if (this.writableEnded) return this;
    const done = [chunk, encoding, callback].find((arg): arg is Callback => typeof arg === 'function');
    if (typeof chunk !== 'function') this.collect(chunk, typeof encoding === 'string' ? encoding : undefined);
    this.writableEnded = true;
    const body = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.settle({ statusCode: this.statusCode, headers: this.getHeaders(), body });
    // As a ServerResponse does, after the caller's own code: Fastify's onResponse hooks listen.
    process.nextTick(() => {
      this.writableFinished = true;
      this.emit('finish');
      this.emit('close');
      done?.();
    });
    return this;
  }

  destroy(error?: Error): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (!this.writableEnded) this.settle(error ?? new Error('the response was destroyed before it ended'));
    process.nextTick(() => {
      if (error) this.emit('error', error);
      this.emit('close');
    });
    return this;
  }

  private collect(chunk: unknown, encoding: BufferEncoding | undefined): void {
    if (chunk === undefined || chunk === null) return;
    this.headersSent = true;
    if (typeof chunk === 'string') this.chunks.push(Buffer.from(chunk, encoding ?? 'utf8'));
    else if (chunk instanceof Uint8Array) this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    else throw new TypeError('a response body chunk must be a string or bytes');
  }
}

/**
 * Runs one request through the app's routes and hooks in this thread and answers what it
 * wrote. The app must be ready (`await app.ready()`). Rejects only when the response was
 * destroyed before it ended; a route's error is the app's own error page, as over HTTP.
 */
export function answerLocally(app: FastifyInstance, request: LocalRequest): Promise<LocalAnswer> {
  return new Promise((resolve, reject) => {
    const response = new LocalResponse((answer) => (answer instanceof Error ? reject(answer) : resolve(answer)));
    const incoming = new LocalIncoming(request.method, request.url, request.headers, request.remoteAddress);
    // Fastify's router reads only what these stand-ins carry (see the file comment); the
    // casts say that they stand in for a socket's request and response.
    app.routing(incoming as unknown as IncomingMessage, response as unknown as ServerResponse);
  });
}
