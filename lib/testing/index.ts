// rxchain/testing: test doubles and marble-test helpers for users' own tests.
import '../runnables/composition.js';

export { ScriptedChatModel, splitText } from './ScriptedChatModel.js';
export type { ScriptedCall, ScriptedChatModelOptions, ScriptedResponse, TokenSplit } from './ScriptedChatModel.js';
export { FakeListChatModel } from './FakeListChatModel.js';
export type { FakeListChatModelOptions } from './FakeListChatModel.js';
export { FakeStreamingChatModel } from './FakeStreamingChatModel.js';
export type { FakeStreamingChatModelOptions } from './FakeStreamingChatModel.js';
export { FakeRetriever } from './FakeRetriever.js';
export { FakeEmbeddings } from './FakeEmbeddings.js';
export { FakeTool } from './FakeTool.js';
export type { FakeToolParams } from './FakeTool.js';
export { createTestScheduler } from './createTestScheduler.js';
export type { DeepEqualAssertion } from './createTestScheduler.js';
export { FakeLLM } from './FakeLLM.js';
export type { FakeLLMOptions } from './FakeLLM.js';
export { FakeStreamingLLM } from './FakeStreamingLLM.js';
export type { FakeStreamingLLMOptions } from './FakeStreamingLLM.js';
export { createOpenAIServer } from './createOpenAIServer.js';
export { createAnthropicServer } from './createAnthropicServer.js';
export type {
  FakeErrorReply,
  FakeProviderServer,
  FakeRawReply,
  FakeReply,
  FakeRequest,
  FakeScript,
  FakeStreamReply,
  FakeToolCall,
  FakeUsage,
} from './FakeProviderReply.js';
