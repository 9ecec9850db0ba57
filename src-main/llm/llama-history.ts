import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelFunctions, ChatWrapper, GbnfJsonSchema } from 'node-llama-cpp';
import { LlmError, type ChatMessage, type ToolSpec } from './provider.js';

/**
 * Our messages as node-llama-cpp chat history. An assistant message's tool calls become function calls inside
 * its model response, and each `tool` message fills in the result of the call it answers (node-llama-cpp keeps
 * a call and its result together). The history always ends with a model response for the model to write (or go
 * on with, after tool results).
 */
export function toChatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  const open = new Map<string, ChatModelFunctionCall>();
  for (const [i, m] of messages.entries()) {
    if (m.role === 'system') history.push({ type: 'system', text: m.content });
    else if (m.role === 'user') history.push({ type: 'user', text: m.content });
    else if (m.role === 'assistant') {
      const response: Array<string | ChatModelFunctionCall> = [];
      if (m.content) response.push(m.content);
      for (const call of m.toolCalls ?? []) {
        const fc: ChatModelFunctionCall = { type: 'functionCall', name: call.name, params: call.arguments ?? call.raw, result: null };
        response.push(fc);
        open.set(call.id, fc);
      }
      history.push({ type: 'model', response });
    } else {
      const fc = m.toolCallId === undefined ? undefined : open.get(m.toolCallId);
      if (!fc) {
        throw new LlmError('bad-request', `message ${i} is a tool result for call id '${m.toolCallId ?? ''}', which no earlier assistant message made`);
      }
      fc.result = m.content;
      open.delete(m.toolCallId!);
    }
  }
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}

/** Our tool specs as node-llama-cpp functions (the schema subset node-llama-cpp turns into grammars). */
export function toFunctions(tools: readonly ToolSpec[]): ChatModelFunctions {
  const functions: Record<string, { description: string; params: GbnfJsonSchema }> = {};
  for (const t of tools) functions[t.name] = { description: t.description, params: t.parameters as GbnfJsonSchema };
  return functions;
}

/**
 * The model's own chat wrapper, but with function calling engaged from the first token: the function-name and
 * parameter grammars then force a call (toolChoice 'required'). Built on the prototype chain so every other
 * behaviour, and the rendered text, stay the wrapper's own.
 */
export function requiredToolCallWrapper(inner: ChatWrapper): ChatWrapper {
  const forced = Object.create(inner) as ChatWrapper;
  forced.generateContextState = (options) => {
    // Prefix triggers (thought segments and the like) are dropped: the reply starts with the call itself.
    const { contextText, stopGenerationTriggers, ignoreStartText } = inner.generateContextState(options);
    return {
      contextText,
      stopGenerationTriggers,
      ...(ignoreStartText ? { ignoreStartText } : {}),
      functionCall: { initiallyEngaged: true, disengageInitiallyEngaged: [] },
    };
  };
  return forced;
}
