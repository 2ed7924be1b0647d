package gw.traces.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/** Applies a {@link Redactor} to every string value in a JSON tree (object keys stay as they are). */
final class JsonRedaction {
  private JsonRedaction() {}

  static JsonNode redactTree(Redactor redactor, JsonNode tree) {
    if (tree == null) {
      return null;
    }
    if (!holdsSensitive(redactor, tree)) {
      return tree;
    }
    if (tree.isTextual()) {
      return TextNode.valueOf(redactor.redact(tree.textValue()));
    }
    JsonNode copy = tree.deepCopy();
    redactInPlace(redactor, copy);
    return copy;
  }

  /** A read-only scan first: most trees are clean and then need no copy at all. */
  private static boolean holdsSensitive(Redactor redactor, JsonNode node) {
    if (node.isTextual()) {
      return redactor.containsSensitive(node.textValue());
    }
    for (JsonNode child : node) {
      if (holdsSensitive(redactor, child)) {
        return true;
      }
    }
    return false;
  }

  private static boolean redactChild(Redactor redactor, Map.Entry<String, JsonNode> field) {
    JsonNode value = field.getValue();
    if (!value.isTextual()) {
      return redactInPlace(redactor, value);
    }
    TextNode redacted = redactedText(redactor, value);
    if (redacted != null) {
      field.setValue(redacted);
    }
    return redacted != null;
  }

  /** The redacted text node, or null when the text holds nothing sensitive. */
  private static TextNode redactedText(Redactor redactor, JsonNode text) {
    String redacted = redactor.redact(text.textValue());
    return redacted.equals(text.textValue()) ? null : TextNode.valueOf(redacted);
  }

  /** Rewrites string values inside containers; returns whether anything changed. */
  private static boolean redactInPlace(Redactor redactor, JsonNode node) {
    boolean changed = false;
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        changed |= redactChild(redactor, field);
      }
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        if (!item.isTextual()) {
          changed |= redactInPlace(redactor, item);
          continue;
        }
        TextNode redacted = redactedText(redactor, item);
        if (redacted != null) {
          array.set(i, redacted);
          changed = true;
        }
      }
    }
    return changed;
  }
}
