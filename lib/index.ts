// The public surface of rxchain. Every export is listed by name; nothing else in
// lib/ imports this file.
import './runnables/composition.js';

// Core
export { Runnable } from './runnables/Runnable.js';
export { RunnableCore } from './runnables/RunnableCore.js';
export { RunnableViews } from './runnables/RunnableViews.js';
export { RunHandle, type RunHandleOptions } from './runs/RunHandle.js';
export type {
  RunnableFunc,
  RunnableInput,
  RunnableLike,
  RunnableOutput,
  RunnableOperator,
  LambdaOutput,
  MapInput,
} from './runnables/RunnableLike.js';
export type { RunnableConfig, BatchOptions } from './core/RunnableConfig.js';
export type { BackoffOptions, RetryOptions } from './runnables/RetryOptions.js';
export type { FallbacksOptions } from './runnables/FallbacksOptions.js';
export { RunContext, DEFAULT_RECURSION_LIMIT, type RunOrigin } from './core/RunContext.js';
export type { RunEvent, LifecycleRecord, ForeignRecord, RunInfo, RunType, EventSink } from './core/RunEvent.js';
export type { InputMode, Step } from './core/lifecycle.js';
export type { ChunkReporting } from './core/ChunkReporting.js';
export { concat, type Concat } from './core/concat.js';
export { concatAccumulator, foldingAccumulator, keyedAccumulator, lastChunkAccumulator } from './core/accumulators.js';
export type { AccumulatorFactory, OutputAccumulator } from './core/accumulators.js';
export { aggregate$ } from './core/aggregate.js';
export { sequentialIds } from './core/ids.js';
export { failedRunOf } from './core/failedRun.js';

// Operators
export { coalesce, type CoalesceOptions } from './operators/coalesce.js';

// Runnables
export { RunnableSequence, type RunnableSequenceOptions } from './runnables/RunnableSequence.js';
export { RunnableMap } from './runnables/RunnableMap.js';
export { RunnableLambda } from './runnables/RunnableLambda.js';
export type { LambdaGenerator, LambdaOperator, RunnableLambdaOptions } from './runnables/RunnableLambda.js';
export { RunnablePassthrough } from './runnables/RunnablePassthrough.js';
export { RunnableAssign } from './runnables/RunnableAssign.js';
export { RunnableBinding } from './runnables/RunnableBinding.js';
export { RunnableRetry } from './runnables/RunnableRetry.js';
export { RunnableWithFallbacks } from './runnables/RunnableWithFallbacks.js';
export { RunnableParallel } from './runnables/RunnableParallel.js';
export { RunnablePick } from './runnables/RunnablePick.js';
export { RunnableEach } from './runnables/RunnableEach.js';
export { RunnableBranch, type Branch, type BranchLike } from './runnables/RunnableBranch.js';
export { RouterRunnable, type RouterInput } from './runnables/RouterRunnable.js';
export type { RunnablePassthroughOptions } from './runnables/RunnablePassthrough.js';
export type { Run, RunListener, RunListeners } from './runnables/RunListeners.js';
export { coerceToRunnable } from './runnables/coerceToRunnable.js';
export { chain } from './runnables/chain.js';

// Events
export type {
  StreamEvent,
  StreamEventBase,
  StreamEventData,
  StreamEventFilters,
  StreamEventsVersion,
  StartData,
  ChunkData,
  EndData,
  ErrorData,
  ChatModelEventInput,
  PromptValueLike,
  ChatGenerationChunkLike,
  ChatModelStreamEvent,
  LlmStreamEvent,
  PromptStreamEvent,
  RetrieverStreamEvent,
  ChainStreamEvent,
  ParserStreamEvent,
  ToolStreamEvent,
  CustomStreamEvent,
} from './events/StreamEvent.js';
export type { StreamEventsOptions } from './events/streamEvents.js';
export { dispatchCustomEvent } from './core/dispatchCustomEvent.js';
export { encodeEventStream, eventStreamRecords, type EventStreamRecord } from './events/encodeEventStream.js';
export { wireError, type WireError } from './events/wireError.js';
export { parseEventStream, parseEventStream$ } from './serving/parseEventStream.js';
export type { ByteSource, ParseEventStreamOptions } from './serving/parseEventStream.js';

// Run log
export { RunLogPatch, RunLog } from './runlog/RunLog.js';
export type { RunState, LogEntry, LoggedError } from './runlog/RunState.js';
export type { StreamLogOptions } from './runlog/streamLog.js';
export { applyPatch } from './codecs/jsonPatch/applyPatch.js';
export type { Operation } from './codecs/jsonPatch/Operation.js';

// Adapters
export {
  ObservableIterator,
  type IteratorBufferOptions,
  type ObservableIteratorOptions,
} from './adapters/ObservableIterator.js';
export { IterableReadableStream } from './adapters/IterableReadableStream.js';
export { fromAsyncIterable } from './adapters/fromAsyncIterable.js';
export { fromIterable } from './adapters/fromIterable.js';
export type { ContextRunner } from './adapters/fromAsyncIterable.js';

// Messages
export { BaseMessage, contentText } from './messages/BaseMessage.js';
export type {
  BaseMessageFields,
  ContentPart,
  MessageContent,
  MessageType,
  SerializedMessage,
} from './messages/BaseMessage.js';
export { HumanMessage } from './messages/HumanMessage.js';
export { SystemMessage } from './messages/SystemMessage.js';
export { AIMessage, type AIMessageFields } from './messages/AIMessage.js';
export { AIMessageChunk, type AIMessageChunkFields } from './messages/AIMessageChunk.js';
export { ToolMessage, type ToolMessageFields } from './messages/ToolMessage.js';
export { ChatMessage, type ChatMessageFields } from './messages/ChatMessage.js';
export { ChatMessageChunk } from './messages/ChatMessageChunk.js';
export type {
  ToolCall,
  ToolCallChunk,
  InvalidToolCall,
  UsageMetadata,
  InputTokenDetails,
} from './messages/toolCalls.js';
export { coerceMessages, messageOfRole } from './messages/coerceMessages.js';
export { HumanMessageChunk } from './messages/HumanMessageChunk.js';
export { SystemMessageChunk } from './messages/SystemMessageChunk.js';
export { ToolMessageChunk } from './messages/ToolMessageChunk.js';
export {
  isAIMessage,
  isAIMessageChunk,
  isBaseMessage,
  isBaseMessageChunk,
  isChatMessage,
  isChatMessageChunk,
  isHumanMessage,
  isHumanMessageChunk,
  isSystemMessage,
  isToolMessage,
} from './messages/guards.js';
export { getBufferString } from './messages/getBufferString.js';
export { isMessageOfType, type MessageClass, type MessageTypeOrClass } from './messages/messageTypes.js';
export { filterMessages, type FilterMessagesFields } from './runnables/filterMessages.js';
export { mergeMessageRuns } from './runnables/mergeMessageRuns.js';
export { trimMessages } from './runnables/trimMessages.js';

// Chat history
export { BaseChatMessageHistory } from './messages/BaseChatMessageHistory.js';
export { InMemoryChatMessageHistory } from './messages/InMemoryChatMessageHistory.js';
export { RunnableWithMessageHistory } from './runnables/RunnableWithMessageHistory.js';
export type {
  GetMessageHistory,
  MessageHistoryInput,
  RunnableWithMessageHistoryFields,
} from './runnables/RunnableWithMessageHistory.js';
export type { TokenCountingModel, TrimMessagesFields } from './runnables/trimMessages.js';
export type { MessagesInput, MessageTuple } from './messages/coerceMessages.js';

// Prompts
export { BasePromptTemplate, type PromptInput, type PromptVariables } from './prompts/BasePromptTemplate.js';
export { PromptTemplate, type PromptTemplateInput, type PromptTemplateOptions } from './prompts/PromptTemplate.js';
export type { PartialValue, PartialValues } from './prompts/partialVariables.js';
export {
  ChatPromptTemplate,
  type ChatMessageLike,
  type ChatPromptTemplateInput,
} from './prompts/ChatPromptTemplate.js';
export { MessagesPlaceholder } from './prompts/MessagesPlaceholder.js';
export type { MessagesTemplate } from './prompts/ChatPromptTemplate.js';
export { BaseMessageStringPromptTemplate } from './prompts/BaseMessageStringPromptTemplate.js';
export { HumanMessagePromptTemplate } from './prompts/HumanMessagePromptTemplate.js';
export { AIMessagePromptTemplate } from './prompts/AIMessagePromptTemplate.js';
export { SystemMessagePromptTemplate } from './prompts/SystemMessagePromptTemplate.js';
export { ChatMessagePromptTemplate } from './prompts/ChatMessagePromptTemplate.js';
export { FewShotPromptTemplate, type FewShotPromptTemplateInput } from './prompts/FewShotPromptTemplate.js';
export { FewShotChatMessagePromptTemplate } from './prompts/FewShotChatMessagePromptTemplate.js';
export type { FewShotChatMessagePromptTemplateInput } from './prompts/FewShotChatMessagePromptTemplate.js';
export { PipelinePromptTemplate } from './prompts/PipelinePromptTemplate.js';
export type { PipelinePrompt, PipelinePromptTemplateInput } from './prompts/PipelinePromptTemplate.js';
export { StringPromptValue } from './prompts/StringPromptValue.js';
export { ChatPromptValue } from './prompts/ChatPromptValue.js';

// Parsers
export { StringOutputParser } from './parsers/StringOutputParser.js';
export { parsePartialJson } from './codecs/partialJson/partialJson.js';
export { PartialJsonParser, type PartialJsonParserOptions } from './codecs/partialJson/PartialJsonParser.js';
export { JsonOutputParser, type JsonOutputParserOptions } from './parsers/JsonOutputParser.js';
export type { JsonValue } from './codecs/partialJson/JsonValue.js';
export { StructuredOutputParser } from './parsers/StructuredOutputParser.js';
export { BaseOutputParser, type Generation, type ParserInput } from './parsers/BaseOutputParser.js';
export { BaseTransformOutputParser } from './parsers/BaseTransformOutputParser.js';
export { BaseCumulativeTransformOutputParser } from './parsers/BaseCumulativeTransformOutputParser.js';
export type { BaseCumulativeTransformOutputParserInput } from './parsers/BaseCumulativeTransformOutputParser.js';
export { CommaSeparatedListOutputParser } from './parsers/CommaSeparatedListOutputParser.js';
export { XMLOutputParser, XML_FORMAT_INSTRUCTIONS } from './parsers/XMLOutputParser.js';
export type { XMLContent, XMLOutputParserFields, XMLResult } from './parsers/XMLOutputParser.js';
export { BytesOutputParser } from './parsers/BytesOutputParser.js';
export { growthPatch } from './codecs/jsonPatch/growthPatch.js';
export { escapePointer, type JsonPatchOperation } from './codecs/jsonPatch/Operation.js';
export type { PartialJsonResult } from './codecs/partialJson/PartialJsonResult.js';

// Models
export type { Embeddings, EmbedOptions } from './embeddings/Embeddings.js';
export { BaseChatModel, type ChatModelCallOptions, type ChatModelInput } from './models/BaseChatModel.js';
export { BaseLLM } from './models/BaseLLM.js';
export type { BaseLLMParams, GenerationChunkLike, LLMCallOptions, LLMInput, LLMResultLike } from './models/BaseLLM.js';
export { LLM } from './models/LLM.js';
export { ChatOpenAICompatible, type ChatOpenAICompatibleOptions } from './models/openai/ChatOpenAICompatible.js';
export { ChatOpenAI } from './models/openai/ChatOpenAI.js';
export { OpenAICompatibleEmbeddings } from './models/openai/OpenAICompatibleEmbeddings.js';
export type { OpenAICompatibleEmbeddingsOptions } from './models/openai/OpenAICompatibleEmbeddings.js';
export type { FetchLike, OpenAIEndpointOptions } from './models/openai/openaiHttp.js';
export type { HttpRetryOptions } from './models/HttpRetryOptions.js';
export { ChatAnthropic, type ChatAnthropicOptions } from './models/anthropic/ChatAnthropic.js';
export type { AnthropicEndpointOptions } from './models/anthropic/anthropicHttp.js';

// Tools
export { toToolDefinition, type ToolChoice, type ToolDefinition, type ToolLike } from './tools/toolDefinition.js';
export { StructuredTool, type StructuredToolFields, type ToolFunc, type ToolSchema } from './tools/StructuredTool.js';
export { tool, type ToolFields, type JsonSchemaToolFields, type RawInputSchema } from './tools/tool.js';
export { DynamicTool, type DynamicToolFields, type DynamicToolSchema } from './tools/DynamicTool.js';
export {
  DynamicStructuredTool,
  type DynamicStructuredToolFields,
  type JsonSchemaDynamicStructuredToolFields,
} from './tools/DynamicStructuredTool.js';
export { Tool, type ToolParams, type ToolStringSchema } from './tools/StringInputTool.js';

// Documents, embeddings, vector stores, retrievers
export { Document, type DocumentInput } from './documents/Document.js';
export { HashingEmbeddings, type HashingEmbeddingsOptions } from './embeddings/HashingEmbeddings.js';
export { VectorStore, type AsRetrieverOptions } from './vectorstores/VectorStore.js';
export { MemoryVectorStore } from './vectorstores/MemoryVectorStore.js';
export { BaseRetriever } from './retrievers/BaseRetriever.js';
export { VectorStoreRetriever, type VectorStoreRetrieverFields } from './vectorstores/VectorStoreRetriever.js';
export type { DocumentFilter, VectorStoreInterface } from './vectorstores/VectorStoreInterface.js';

// Run stores (resumable streams)
export { MemoryRunStore, type MemoryRunStoreOptions } from './runstore/MemoryRunStore.js';
export type { RunStore, StoredFrame, StoredRun } from './runstore/RunStore.js';

// Serving over HTTP
export { toFetchHandler, type FetchHandler, type ServeOptions } from './serving/toFetchHandler.js';
export type { Authorize, ServeGuardOptions } from './serving/ServeGuardOptions.js';
export { toNodeHandler } from './serving/toNodeHandler.js';
export type { NodeHandler, NodeRequestLike, NodeResponseLike } from './serving/toNodeHandler.js';
export { RemoteRunnable } from './serving/RemoteRunnable.js';
export { fromLangServeJson, toLangServeJson } from './serving/langServeJson.js';
export type { RemoteRunnableOptions } from './serving/RemoteRunnable.js';
export type {
  BatchRequest,
  BatchResponse,
  ClientConfig,
  ClientConfigKey,
  ErrorResponse,
  FetchFunction,
  InvokeRequest,
  InvokeResponse,
  Route,
  StreamEventsRequest,
} from './serving/wire.js';

// Errors
export { RxchainError } from './errors/RxchainError.js';
export { isRetryableError } from './errors/isRetryableError.js';
export { AbortError } from './errors/AbortError.js';
export { TimeoutError } from './errors/TimeoutError.js';
export { InvalidArgumentError } from './errors/InvalidArgumentError.js';
export { MissingPromptVariableError } from './errors/MissingPromptVariableError.js';
export { PromptTemplateError } from './errors/PromptTemplateError.js';
export { RecursionLimitError } from './errors/RecursionLimitError.js';
export { OutputParserError } from './errors/OutputParserError.js';
export { OutputParserException } from './errors/OutputParserException.js';
export { EventStreamError } from './errors/EventStreamError.js';
export { RemoteRunError } from './errors/RemoteRunError.js';
export { RemoteCallError } from './errors/RemoteCallError.js';
export { ToolInputError, type ToolInputIssue } from './errors/ToolInputError.js';
export { JsonPatchError } from './errors/JsonPatchError.js';
export { ApiCallError, type ApiCallErrorFields } from './errors/ApiCallError.js';
export { ResponseLimitError } from './errors/ResponseLimitError.js';
export { ProviderResponseError } from './errors/ProviderResponseError.js';
export { RunNotFoundError } from './errors/RunNotFoundError.js';
export { RunStoreLimitError } from './errors/RunStoreLimitError.js';
export { ThrownValueError } from './errors/ThrownValueError.js';
export { toError } from './errors/toError.js';
export { serializeError, type SerializedError } from './errors/serializeError.js';
export { BufferOverflowError } from './errors/BufferOverflowError.js';
export { JsonDepthError } from './errors/JsonDepthError.js';
export { AccessDeniedError } from './errors/AccessDeniedError.js';
export { RequestTimeoutError } from './errors/RequestTimeoutError.js';
export { NestingDepthError } from './errors/NestingDepthError.js';
