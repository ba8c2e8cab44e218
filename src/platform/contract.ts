/**
 * The response contract, checked in tests (issue 17): every JSON answer a route gives is
 * validated against the response schema it declares for that status (ajv, with formats).
 * An answer that does not match, or a success status the route does not declare, is turned
 * into a 500 naming the mismatch, so whichever HTTP suite produced it fails. Error answers
 * a route does not list are checked against the one coded-error shape. Routes without any
 * response schema are left to the test that requires one (openapi.test.ts in integrations/).
 *
 * @example
 *   if (process.env.NODE_ENV === 'test') installContractCheck(app);
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Ajv, type ValidateFunction } from 'ajv';
import * as formats from 'ajv-formats';
import { errorSchema } from './openapi.js';

type AddFormats = (ajv: Ajv) => Ajv;
// ajv-formats is CommonJS (`module.exports = plugin`); under ESM interop it may sit on `default`.
const addFormats = ((formats as unknown as { default?: AddFormats }).default ?? (formats as unknown as AddFormats));

export interface ContractViolation {
  method: string;
  route: string;
  status: number;
  problem: string;
}

const violations: ContractViolation[] = [];

/** Every mismatch seen in this process (tests may assert it is empty). */
export function contractViolations(): readonly ContractViolation[] {
  return violations;
}

// One coded-error schema per status, made once: ajv compiles each schema object once.
const errorSchemas = new Map<number, object>();
const codedError = (status: number) => errorSchemas.get(status) ?? errorSchemas.set(status, errorSchema(status)).get(status)!;

function schemaFor(request: FastifyRequest, status: number): unknown {
  const responses = (request.routeOptions.schema as { response?: Record<string, unknown> } | undefined)?.response;
  if (!responses) return undefined;
  return responses[status] ?? responses[`${String(status)[0]}xx`] ?? responses[`${String(status)[0]}XX`] ?? responses.default ?? (status >= 400 ? codedError(status) : null);
}

/** The validator the contract check uses (ajv with formats), also for the document's examples. */
export function contractAjv(): Ajv {
  return addFormats(new Ajv({ strict: false, allErrors: false, validateFormats: true }));
}

export function installContractCheck(app: FastifyInstance): void {
  // For finding out whether a failing suite fails on the contract or on its own.
  if (process.env.BLATTWERK_CONTRACT === 'off') return;
  const ajv = contractAjv();
  const compiled = new WeakMap<object, ValidateFunction>();
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.is404 || !request.url.startsWith('/api/') || reply.statusCode === 304 || reply.statusCode === 204) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.includes('json') || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const schema = schemaFor(request, reply.statusCode);
    if (schema === undefined) return payload;
    const route = request.routeOptions.url ?? request.url;
    const fail = (problem: string) => {
      violations.push({ method: request.method, route, status: reply.statusCode, problem });
      request.log.error({ route, status: reply.statusCode, problem }, 'response does not match its schema');
      reply.code(500);
      return JSON.stringify({ error: { code: 'INTERNAL', message: `contract: ${request.method} ${route} ${problem}` } });
    };
    if (schema === null) return fail(`answers ${reply.statusCode}, which its schema does not declare`);
    let validate = compiled.get(schema as object);
    if (!validate) compiled.set(schema as object, (validate = ajv.compile(schema as object)));
    let body: unknown;
    try {
      body = JSON.parse(payload.toString());
    } catch {
      return fail('is not JSON');
    }
    if (!validate(body)) {
      const error = validate.errors?.[0];
      return fail(`(${reply.statusCode}) ${error?.instancePath || '/'} ${error?.message ?? 'does not match'} ${error?.params ? JSON.stringify(error.params) : ''}`);
    }
    return payload;
  });
}
