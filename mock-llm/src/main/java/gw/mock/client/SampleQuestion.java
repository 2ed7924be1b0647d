package gw.mock.client;

import java.util.List;

/**
 * A question a RAG app's user might ask about the knowledge base.
 *
 * @param text          what the user asks
 * @param feature       the app feature it comes from ({@code x-feature}, tag {@code feature:...})
 * @param source        the knowledge-base document that answers it
 * @param expectedFacts phrases a right answer contains (the gateway's {@code expected_facts} check)
 */
public record SampleQuestion(String text, String feature, String source, List<String> expectedFacts) {

  public SampleQuestion {
    expectedFacts = List.copyOf(expectedFacts);
  }
}
