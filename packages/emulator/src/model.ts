import { isEmailAddress } from './user-validation.js';
import { CONFIRM_TYPES, type ConfirmType } from './auth/confirm-keys.js';

/**
 * Model binding the way ASP.NET Core does it for the authentication actions: JSON property names are
 * matched case-insensitively, unknown properties are ignored, numbers may come as strings
 * (`AllowReadingFromString`), a type mismatch or bad JSON fails the whole model, then `[EmailAddress]`
 * rules run. A failure is answered 400 with a `ValidationProblemDetails` (see envelope.ts).
 */

type FieldKind =
  | { kind: 'string' }
  | { kind: 'boolean'; nullable: boolean }
  | { kind: 'integer' }
  | { kind: 'guid' }
  | { kind: 'enum'; names: readonly string[]; typeName: string; nullable: boolean }
  | { kind: 'object'; model: Model; nullable: true };

interface Field {
  /** Name on the wire (camelCase). */
  json: string;
  /** C# property name (used in validation error keys). */
  clr: string;
  type: FieldKind;
  email?: boolean;
}

interface Model {
  clrType: string;
  fields: readonly Field[];
}

const str = (json: string, email = false): Field => ({
  json,
  clr: json.charAt(0).toUpperCase() + json.slice(1),
  type: { kind: 'string' },
  email,
});

const CONFIRM_DATA: Model = {
  clrType: 'ASC.Web.Api.ApiModels.RequestsDto.ConfirmData',
  fields: [str('email', true), { json: 'first', clr: 'First', type: { kind: 'boolean', nullable: true } }, str('key')],
};

const AUTH_FIELDS: readonly Field[] = [
  str('userName'),
  str('password'),
  str('passwordHash'),
  str('provider'),
  str('accessToken'),
  str('serializedProfile'),
  str('codeOAuth'),
  { json: 'session', clr: 'Session', type: { kind: 'boolean', nullable: false } },
  { json: 'confirmData', clr: 'ConfirmData', type: { kind: 'object', model: CONFIRM_DATA, nullable: true } },
  { json: 'recaptchaType', clr: 'RecaptchaType', type: { kind: 'integer' } },
  str('recaptchaResponse'),
  str('culture'),
];

/** `AuthRequestsDto`: body of `POST /authentication` and `/sendsms`. */
export const AUTH_REQUEST: Model = {
  clrType: 'ASC.Web.Api.ApiModels.RequestsDto.AuthRequestsDto',
  fields: AUTH_FIELDS,
};
/** `AuthWithCodeRequestsDto`: body of `POST /authentication/{code}`. */
export const AUTH_WITH_CODE_REQUEST: Model = {
  clrType: 'ASC.Web.Api.ApiModels.RequestsDto.AuthWithCodeRequestsDto',
  fields: [...AUTH_FIELDS, str('code')],
};
/** `EmailValidationKeyModel`: body of `POST /authentication/confirm`. */
export const CONFIRM_REQUEST: Model = {
  clrType: 'ASC.Security.Cryptography.EmailValidationKeyModel',
  fields: [
    str('key'),
    {
      json: 'emplType',
      clr: 'EmplType',
      type: {
        kind: 'enum',
        names: ['All', 'RoomAdmin', 'Guest', 'DocSpaceAdmin', 'User'],
        typeName: 'ASC.Core.Users.EmployeeType',
        nullable: true,
      },
    },
    str('email', true),
    str('encEmail'),
    { json: 'uiD', clr: 'UiD', type: { kind: 'guid' } },
    {
      json: 'type',
      clr: 'Type',
      type: { kind: 'enum', names: CONFIRM_TYPES, typeName: 'ASC.Web.Studio.Utility.ConfirmType', nullable: true },
    },
    str('first'),
    str('roomId'),
  ],
};
/** `MobileRequestsDto`: body of `POST /authentication/setphone`. */
export const MOBILE_REQUEST: Model = {
  clrType: 'ASC.Web.Api.ApiModels.RequestsDto.MobileRequestsDto',
  fields: [str('mobilePhone')],
};

/** Bound `AuthRequestsDto` / `AuthWithCodeRequestsDto`. */
export interface AuthRequest {
  userName: string | null;
  password: string | null;
  passwordHash: string | null;
  provider: string | null;
  accessToken: string | null;
  serializedProfile: string | null;
  codeOAuth: string | null;
  session: boolean;
  confirmData: { email: string | null; first: boolean | null; key: string | null } | null;
  recaptchaType: number;
  recaptchaResponse: string | null;
  culture: string | null;
  code: string | null;
}

/** Bound `EmailValidationKeyModel`. */
export interface ConfirmRequest {
  key: string | null;
  emplType: string | null;
  email: string | null;
  encEmail: string | null;
  uiD: string | null;
  /** `null` when absent; `undefined` for an integer outside the enum (accepted by the server's converter). */
  type: ConfirmType | null | undefined;
  first: string | null;
  roomId: string | null;
}

/** Bound `MobileRequestsDto`. */
export interface MobileRequest {
  mobilePhone: string | null;
}

/** A failed binding: ModelState errors by key. */
export class ModelValidationError extends Error {
  constructor(readonly errors: Record<string, string[]>) {
    super('One or more validation errors occurred.');
    this.name = 'ModelValidationError';
  }
}

class JsonConversionError extends Error {
  constructor(
    readonly path: string,
    readonly clrType: string,
  ) {
    super(`The JSON value could not be converted to ${clrType}. Path: ${path}.`);
  }
}

const PARAMETER = 'inDto';

/** Parses and binds a request body; throws {@link ModelValidationError} on failure. */
export function bindModel<T>(body: Buffer, model: Model): T {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const required = `The ${PARAMETER} field is required.`;
  if (text.trim() === '') {
    throw new ModelValidationError({ '': ['A non-empty request body is required.'], [PARAMETER]: [required] });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'invalid JSON';
    throw new ModelValidationError({
      $: [`The request body is not valid JSON (${detail}). Path: $.`],
      [PARAMETER]: [required],
    });
  }
  if (json === null) throw new ModelValidationError({ [PARAMETER]: [required] });
  let value: Record<string, unknown>;
  try {
    value = bindObject(json, model, '$');
  } catch (error) {
    if (error instanceof JsonConversionError) {
      throw new ModelValidationError({ [error.path]: [error.message], [PARAMETER]: [required] });
    }
    throw error;
  }
  const errors: Record<string, string[]> = {};
  validateEmails(value, model, '', errors);
  if (Object.keys(errors).length > 0) throw new ModelValidationError(errors);
  return value as T;
}

function bindObject(json: unknown, model: Model, path: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new JsonConversionError(path, model.clrType);
  const out: Record<string, unknown> = {};
  for (const field of model.fields) out[field.json] = defaultOf(field.type);
  for (const [name, raw] of Object.entries(json)) {
    const field = model.fields.find((f) => f.json.toLowerCase() === name.toLowerCase());
    if (!field) continue;
    out[field.json] = bindValue(raw, field, `${path}.${name}`);
  }
  return out;
}

function defaultOf(type: FieldKind): unknown {
  switch (type.kind) {
    case 'boolean':
      return type.nullable ? null : false;
    case 'integer':
      return 0;
    case 'enum':
      return type.nullable ? null : type.names[0];
    default:
      return null;
  }
}

const GUID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\})$/i;

function bindValue(raw: unknown, field: Field, path: string): unknown {
  const type = field.type;
  switch (type.kind) {
    case 'string':
      if (raw === null || typeof raw === 'string') return raw;
      throw new JsonConversionError(path, 'System.String');
    case 'boolean':
      if (typeof raw === 'boolean' || (raw === null && type.nullable)) return raw;
      throw new JsonConversionError(path, type.nullable ? 'System.Nullable`1[System.Boolean]' : 'System.Boolean');
    case 'integer': {
      const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
      if (typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= 2 ** 31) return n;
      throw new JsonConversionError(path, 'ASC.Web.Core.RecaptchaType');
    }
    case 'guid':
      if (raw === null) return null;
      if (typeof raw === 'string' && GUID.test(raw)) {
        const hex = raw.replace(/[{}-]/g, '').toLowerCase();
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      }
      throw new JsonConversionError(path, 'System.Nullable`1[System.Guid]');
    case 'enum': {
      if (raw === null && type.nullable) return null;
      if (typeof raw === 'number' && Number.isInteger(raw)) return type.names[raw];
      if (typeof raw === 'string') {
        const text = raw.trim();
        if (/^-?\d+$/.test(text)) return type.names[Number(text)];
        const name = type.names.find((n) => n.toLowerCase() === text.toLowerCase());
        if (name !== undefined) return name;
      }
      throw new JsonConversionError(path, type.typeName);
    }
    case 'object':
      if (raw === null) return null;
      return bindObject(raw, type.model, path);
  }
}

function validateEmails(
  value: Record<string, unknown>,
  model: Model,
  prefix: string,
  errors: Record<string, string[]>,
): void {
  for (const field of model.fields) {
    const inner = value[field.json];
    if (field.email && typeof inner === 'string' && !isEmailAddress(inner)) {
      const key = `${prefix}${field.clr}`;
      errors[key] = [...(errors[key] ?? []), `The ${field.clr} field is not a valid e-mail address.`];
    }
    if (field.type.kind === 'object' && inner && typeof inner === 'object') {
      validateEmails(inner as Record<string, unknown>, field.type.model, `${prefix}${field.clr}.`, errors);
    }
  }
}
