package gw.mock;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds context documents and the question in chat messages. Recognised, line by line (case-insensitive):
 * <ul>
 *   <li>{@code [source: NAME] text} starts a document named NAME whose text begins on that line;</li>
 *   <li>{@code Source: NAME} alone on a line starts a document whose text follows on the next lines;</li>
 *   <li>{@code Context: text} starts an unnamed document (source {@code context});</li>
 *   <li>{@code Question: text} gives the question explicitly.</li>
 * </ul>
 * A document runs over the following lines until a blank line, the next marker or a question line.
 * Tool results (role {@code tool}) are documents named after the tool that produced them.
 * The question is the explicit one, else what is left of the last user message once documents are taken out.
 */
final class PromptReader {

  private static final Pattern BRACKET = Pattern.compile("^\\s*\\[source:\\s*([^\\]]+?)\\s*\\]\\s*(.*)$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SOURCE_LINE = Pattern.compile("^\\s*source:\\s*(\\S.*?)\\s*$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern CONTEXT = Pattern.compile("^\\s*context:\\s*(.*)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern QUESTION = Pattern.compile("^\\s*question:\\s*(.*)$", Pattern.CASE_INSENSITIVE);

  private PromptReader() {
  }

  static Prompt read(List<ChatMessage> messages) {
    List<ContextDocument> documents = new ArrayList<>();
    StringBuilder instructions = new StringBuilder();
    String question = "";
    for (ChatMessage message : messages) {
      switch (message.role()) {
        case "tool", "function" -> documents.add(new ContextDocument(toolName(message, messages), message.text()));
        case "system", "developer" -> {
          Parsed parsed = parse(message.text());
          documents.addAll(parsed.documents);
          instructions.append(instructions.length() == 0 ? "" : "\n").append(message.text());
        }
        case "user" -> {
          Parsed parsed = parse(message.text());
          documents.addAll(parsed.documents);
          question = parsed.question();
        }
        default -> {
          // assistant turns are neither context nor question
        }
      }
    }
    return new Prompt(List.copyOf(documents), question, instructions.toString());
  }

  private static String toolName(ChatMessage tool, List<ChatMessage> messages) {
    if (tool.name() != null) {
      return tool.name();
    }
    for (ChatMessage message : messages) {
      for (Object call : message.toolCalls()) {
        if (call instanceof JsonObject json && tool.toolCallId() != null
            && tool.toolCallId().equals(json.getString("id")) && json.getJsonObject("function") != null) {
          return json.getJsonObject("function").getString("name", "tool");
        }
      }
    }
    return "tool";
  }

  static Parsed parse(String text) {
    Parsed parsed = new Parsed();
    for (String line : text.split("\r?\n", -1)) {
      parsed.accept(line);
    }
    parsed.closeDocument();
    return parsed;
  }

  /** Line-by-line state of one message. */
  static final class Parsed {
    final List<ContextDocument> documents = new ArrayList<>();
    private final StringBuilder rest = new StringBuilder();
    private String explicitQuestion;
    private String source;
    private StringBuilder body;

    void accept(String line) {
      Matcher matcher;
      if ((matcher = BRACKET.matcher(line)).matches()) {
        openDocument(matcher.group(1), matcher.group(2));
      } else if ((matcher = SOURCE_LINE.matcher(line)).matches()) {
        openDocument(matcher.group(1), "");
      } else if ((matcher = CONTEXT.matcher(line)).matches()) {
        openDocument("context", matcher.group(1));
      } else if ((matcher = QUESTION.matcher(line)).matches()) {
        closeDocument();
        explicitQuestion = matcher.group(1).trim();
      } else if (line.isBlank()) {
        // A marker followed by a blank line still waits for its text.
        if (body != null && !body.toString().isBlank()) {
          closeDocument();
        }
      } else if (body != null) {
        body.append(body.length() == 0 ? "" : " ").append(line.trim());
      } else {
        rest.append(rest.length() == 0 ? "" : " ").append(line.trim());
      }
    }

    private void openDocument(String name, String firstText) {
      closeDocument();
      source = name;
      body = new StringBuilder(firstText.trim());
    }

    void closeDocument() {
      if (body != null && !body.toString().isBlank()) {
        documents.add(new ContextDocument(source, body.toString()));
      }
      source = null;
      body = null;
    }

    String question() {
      return explicitQuestion != null && !explicitQuestion.isEmpty() ? explicitQuestion : rest.toString().trim();
    }
  }
}
