package gw.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;

/** The text of an OpenAI message {@code content}: a string, or the text parts of an array. */
public final class MessageText {
  private MessageText() {}

  public static String of(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder sb = new StringBuilder();
    if (content.isArray()) {
      for (JsonNode part : content) {
        if (part.hasNonNull("text")) {
          if (sb.length() > 0) {
            sb.append('\n');
          }
          sb.append(part.get("text").asText());
        }
      }
    }
    return sb.toString();
  }
}
