package gw.mock;

import java.util.Optional;

/** Turns a validated chat request into its answer: tool call or text, chaos applied, cut to max tokens. */
final class CompletionComposer {

  private final Tokenizer tokenizer;
  private final ChaosContent chaosContent;

  CompletionComposer(Tokenizer tokenizer, ChaosContent chaosContent) {
    this.tokenizer = tokenizer;
    this.chaosContent = chaosContent;
  }

  /** {@code realistic}: the realistic profile's draws for this request, or null for the standard answer. */
  ChatResult compose(ChatRequest request, ModelProfile profile, ChaosDecision chaos, RealisticPlan realistic) {
    Prompt prompt = PromptReader.read(request.messages());
    int promptTokens = tokenizer.promptTokens(profile, request.messages());
    Optional<ToolCall> toolCall = ToolCallPlanner.plan(request, prompt);
    if (toolCall.isPresent()) {
      ToolCall call = toolCall.get();
      int completionTokens = tokenizer.count(profile, call.name()) + tokenizer.count(profile, call.arguments());
      return ChatResult.of(request.model(), null, call, "tool_calls", promptTokens, completionTokens);
    }
    Answer plain = realistic == null ? AnswerComposer.compose(prompt)
        : RealisticAnswers.compose(prompt, realistic, text -> tokenizer.count(profile, text));
    Answer answer = chaosContent.apply(plain, chaos, prompt);
    boolean json = request.jsonObject() || AnswerComposer.asksForJson(prompt.instructions());
    String content = json ? answer.toJsonString() : answer.text();
    String finishReason = "stop";
    if (request.maxTokens() != null) {
      String cut = tokenizer.truncate(profile, content, request.maxTokens());
      if (!cut.equals(content)) {
        content = cut;
        finishReason = "length";
      }
    }
    return ChatResult.of(request.model(), content, null, finishReason, promptTokens, tokenizer.count(profile, content));
  }
}
