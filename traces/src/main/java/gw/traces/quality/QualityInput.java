package gw.traces.quality;

import java.util.List;

/**
 * What the quality proxies look at for one answer.
 *
 * @param answer the answer's text (null or empty when the model said nothing)
 * @param hasToolCalls the answer called tools instead of (or besides) writing text
 * @param finishReason the provider's finish reason, null if the stream was cut
 * @param prompt every message of the request, concatenated (instructions and question)
 * @param documents the retrieved documents' content, empty for a non-RAG request
 * @param jsonRequested the request asked for JSON output ({@code response_format})
 * @param expectedFacts phrases a correct answer contains (optional, from the app or a test set)
 */
public record QualityInput(String answer, boolean hasToolCalls, String finishReason, String prompt,
    List<String> documents, boolean jsonRequested, List<String> expectedFacts) {
  public QualityInput(String answer, boolean hasToolCalls, String finishReason, String prompt, List<String> documents,
      boolean jsonRequested) {
    this(answer, hasToolCalls, finishReason, prompt, documents, jsonRequested, List.of());
  }
}
