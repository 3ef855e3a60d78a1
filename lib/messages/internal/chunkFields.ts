import type { BaseMessage, BaseMessageFields } from '../BaseMessage.js';
import { concatContent, mergeRecords } from '../AIMessageChunk.js';

/**
 * The fields of two message pieces joined as LangChain's chunks join them: contents
 * concatenated, `additional_kwargs` and `response_metadata` merged key by key, the first
 * id and name kept (else the second's).
 */
export function joinedFields(a: BaseMessage, b: BaseMessage): BaseMessageFields {
  return {
    content: concatContent(a.content, b.content),
    additional_kwargs: mergeRecords(a.additional_kwargs, b.additional_kwargs),
    response_metadata: mergeRecords(a.response_metadata, b.response_metadata),
    id: a.id ?? b.id,
    name: a.name ?? b.name,
  };
}
