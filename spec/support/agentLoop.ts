import {
  HumanMessage,
  RunnableLambda,
  type BaseMessage,
  type Runnable,
  type RunnableConfig,
  type ToolMessage,
} from 'rxchain';
import type { AIMessageChunk, ToolCall } from 'rxchain';

/**
 * The tool-calling loop the tool specs run as one runnable named `agent`: ask the model,
 * run every tool call it makes with `tool`, and ask again until it answers in text.
 */
export function agentLoop(
  model: Runnable<BaseMessage[], AIMessageChunk>,
  tool: { invoke(call: ToolCall, config?: RunnableConfig): Promise<ToolMessage> },
): RunnableLambda<string, string> {
  return RunnableLambda.from(
    async function agent(question: string, config: RunnableConfig) {
      const messages: BaseMessage[] = [new HumanMessage(question)];
      for (;;) {
        const reply = await model.invoke(messages, config);
        messages.push(reply);
        if (reply.tool_calls.length === 0) return reply.text;
        for (const call of reply.tool_calls) messages.push(await tool.invoke(call, config));
      }
    },
    { name: 'agent' },
  );
}
