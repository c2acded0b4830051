import type { LinkageTokenRecordResolvers } from './types.generated.ts';

// Every field is the library's LinkageTokens field of the same name; absent parts resolve to null.
export const LinkageTokenRecord: LinkageTokenRecordResolvers = {};
