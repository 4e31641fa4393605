// The public surface of the FIX codec: typed messages, the stream framer, decode and encode.
export * from './tags.ts';
export * from './messages.ts';
export * from './values.ts';
export * from './reject-reasons.ts';
export { BODY_SCHEMAS, isMsgTypeDefinedIn, missingConditionalTag, type FieldSpec, type FieldType } from './schema.ts';
export * from './framer.ts';
export * from './decode.ts';
export * from './encode.ts';
