/**
 * `@docspace/auth-client/schemas`: the valibot schemas generated from `spec/openapi.yaml`, one per schema of the
 * spec and one per operation's request and response (`vAuthenticationTokenWrapper`, `vGetSelfProfileResponse`, ...).
 *
 * The operations of the root entry already validate their success responses with these; import them from here
 * to validate data of your own (a cached profile, a token read back from storage) against the same rules.
 *
 * @packageDocumentation
 */
export * from './generated/valibot.gen.js';
