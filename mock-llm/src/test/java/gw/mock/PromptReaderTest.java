package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptReaderTest {

  @Test
  void bracketSourceLinesBecomeNamedDocuments() {
    Prompt prompt = PromptReader.read(List.of(
        system("Use the context.\n[source: kb/refunds.md] Refunds take 30 days.\nThey go to your card.\n"
            + "[source: kb/shipping.md] Shipping takes 5 days."),
        user("How long do refunds take?")));

    assertThat(prompt.documents()).containsExactly(
        new ContextDocument("kb/refunds.md", "Refunds take 30 days. They go to your card."),
        new ContextDocument("kb/shipping.md", "Shipping takes 5 days."));
    assertThat(prompt.question()).isEqualTo("How long do refunds take?");
    assertThat(prompt.instructions()).startsWith("Use the context.");
  }

  @Test
  void sourceLineDocumentsEndAtABlankLineAndTheRestIsTheQuestion() {
    Prompt prompt = PromptReader.read(List.of(user(
        "Source: faq/warranty.txt\nThe warranty lasts two years.\n\nSource: faq/returns.txt\n\n"
            + "Returns need a receipt.\n\nIs the warranty two years?")));

    assertThat(prompt.documents()).containsExactly(
        new ContextDocument("faq/warranty.txt", "The warranty lasts two years."),
        new ContextDocument("faq/returns.txt", "Returns need a receipt."));
    assertThat(prompt.question()).isEqualTo("Is the warranty two years?");
  }

  @Test
  void contextBlockIsOneDocumentAndQuestionLineWins() {
    Prompt prompt = PromptReader.read(List.of(user(
        "Answer briefly.\nContext: Our office opens at 9am.\nIt closes at 5pm.\nQuestion: When does it open?")));

    assertThat(prompt.documents()).containsExactly(
        new ContextDocument("context", "Our office opens at 9am. It closes at 5pm."));
    assertThat(prompt.question()).isEqualTo("When does it open?");
  }

  @Test
  void toolResultsBecomeDocumentsNamedAfterTheirTool() {
    JsonObject call = new JsonObject().put("id", "call_1").put("type", "function")
        .put("function", new JsonObject().put("name", "lookup_order").put("arguments", "{}"));
    Prompt prompt = PromptReader.read(List.of(
        user("Where is my order?"),
        new ChatMessage("assistant", "", null, null, new JsonArray().add(call)),
        new ChatMessage("tool", "Order 7 shipped on Monday.", null, "call_1", new JsonArray())));

    assertThat(prompt.documents()).containsExactly(new ContextDocument("lookup_order", "Order 7 shipped on Monday."));
    assertThat(prompt.question()).isEqualTo("Where is my order?");
  }

  private static ChatMessage system(String text) {
    return new ChatMessage("system", text, null, null, new JsonArray());
  }

  private static ChatMessage user(String text) {
    return new ChatMessage("user", text, null, null, new JsonArray());
  }
}
