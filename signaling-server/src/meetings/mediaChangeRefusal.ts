// The rule lives in protocol (moderationRules.ts): the client shows the same refusal before asking.
export { mediaChangeRefusal } from '@wava/protocol';
