package gw.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether to answer with a tool call: when the question mentions every significant word of a tool's
 * name ({@code search_knowledge_base} matches "search the knowledge base for ..."), or when
 * {@code tool_choice} forces it. Never right after a tool result, so client loops terminate.
 */
final class ToolCallPlanner {

  private static final Set<String> GENERIC_VERBS = Set.of("get", "set", "list", "search", "find", "lookup",
      "look", "fetch", "create", "update", "delete", "run", "call", "make", "check", "query", "retrieve");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private ToolCallPlanner() {
  }

  static Optional<ToolCall> plan(ChatRequest request, Prompt prompt) {
    if (request.tools().isEmpty() || "none".equals(request.toolChoice())
        || request.lastRole().equals("tool") || request.lastRole().equals("function")) {
      return Optional.empty();
    }
    List<JsonObject> functions = functions(request.tools());
    Optional<JsonObject> chosen = forcedFunction(request.toolChoice(), functions)
        .or(() -> functions.stream().filter(function -> mentions(prompt.question(), function)).findFirst())
        .or(() -> "required".equals(request.toolChoice()) ? functions.stream().findFirst() : Optional.empty());
    return chosen.map(function -> call(function, prompt.question()));
  }

  private static List<JsonObject> functions(JsonArray tools) {
    List<JsonObject> functions = new ArrayList<>();
    for (Object tool : tools) {
      if (tool instanceof JsonObject json && json.getValue("function") instanceof JsonObject function
          && function.getValue("name") instanceof String) {
        functions.add(function);
      }
    }
    return functions;
  }

  private static Optional<JsonObject> forcedFunction(Object toolChoice, List<JsonObject> functions) {
    if (!(toolChoice instanceof JsonObject choice) || choice.getJsonObject("function") == null) {
      return Optional.empty();
    }
    String name = choice.getJsonObject("function").getString("name");
    return functions.stream().filter(function -> function.getString("name").equals(name)).findFirst();
  }

  private static boolean mentions(String question, JsonObject function) {
    String name = function.getString("name");
    List<String> nameWords = Words.significant(name.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ')
        .replace('-', ' '));
    List<String> specific = nameWords.stream().filter(word -> !GENERIC_VERBS.contains(word)).toList();
    Set<String> questionWords = new HashSet<>(Words.significant(question));
    List<String> required = specific.isEmpty() ? nameWords : specific;
    return !required.isEmpty() && questionWords.containsAll(required);
  }

  private static ToolCall call(JsonObject function, String question) {
    String name = function.getString("name");
    String arguments = arguments(function.getJsonObject("parameters"), question).encode();
    String id = String.format("call_%016x%08x", Hashing.fnv64(name + '\u0000' + arguments),
        Hashing.fnv64(question) & 0xffffffffL);
    return new ToolCall(id, name, arguments);
  }

  /** Schema-valid arguments: the question for strings, the first number in it for numbers. */
  private static JsonObject arguments(JsonObject parameters, String question) {
    JsonObject arguments = new JsonObject();
    if (parameters == null || parameters.getJsonObject("properties") == null) {
      return arguments;
    }
    JsonObject properties = parameters.getJsonObject("properties");
    JsonArray required = parameters.getJsonArray("required");
    for (String property : properties.fieldNames()) {
      if (required == null || required.contains(property)) {
        Object schema = properties.getValue(property);
        arguments.put(property, sample(schema instanceof JsonObject json ? json : new JsonObject(), question));
      }
    }
    return arguments;
  }

  private static Object sample(JsonObject schema, String question) {
    JsonArray choices = schema.getJsonArray("enum");
    if (choices != null && !choices.isEmpty()) {
      return choices.getValue(0);
    }
    Matcher number = NUMBER.matcher(question);
    return switch (String.valueOf(schema.getValue("type"))) {
      case "integer" -> number.find() ? (long) Double.parseDouble(number.group()) : 1L;
      case "number" -> number.find() ? Double.parseDouble(number.group()) : 1.0;
      case "boolean" -> true;
      case "array" -> new JsonArray();
      case "object" -> new JsonObject();
      default -> question;
    };
  }
}
