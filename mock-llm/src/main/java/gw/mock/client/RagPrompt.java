package gw.mock.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The chat messages a RAG app sends: instructions with the retrieved documents as tagged context, then the
 * user's question. Asking to cite sources makes answers carry {@code [kb/...]} tags, which the gateway's
 * {@code citation_missing} check looks for.
 */
public final class RagPrompt {

  static final String INSTRUCTIONS = "You are the support assistant of an online shop. Answer only from the "
      + "context and cite the source of every sentence.";

  private RagPrompt() {
  }

  /** {@code documents}: the {@code /v1/retrieve} answer's documents ({@code source}, {@code content}). */
  public static JsonArray messages(String question, JsonArray documents) {
    StringBuilder system = new StringBuilder(INSTRUCTIONS).append("\n\n");
    if (documents.isEmpty()) {
      system.append("No documents were found for this question.");
    } else {
      system.append("Context:\n");
      for (int i = 0; i < documents.size(); i++) {
        JsonObject document = documents.getJsonObject(i);
        system.append("[source: ").append(document.getString("source")).append("] ")
            .append(document.getString("content")).append('\n');
      }
    }
    return new JsonArray()
        .add(new JsonObject().put("role", "system").put("content", system.toString().strip()))
        .add(new JsonObject().put("role", "user").put("content", question));
  }
}
