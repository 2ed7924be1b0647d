package gw.traces.redact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import java.util.Map;
import java.util.Set;

/** Applies a {@link Redactor} to every string in a JSON tree, and to a trace record through its tree. */
final class JsonRedaction {
  /** Structural values: ids the gateway minted, enums, timestamps and hashes. Never free text. */
  private static final Set<String> EXEMPT_RECORD_FIELDS = Set.of(
      "trace_id", "traceparent", "timestamp", "environment", "customer_tier", "status", "route",
      "user_id_hash", "replay_of", "sampling", "tokens");
  private static final Set<String> EXEMPT_SPAN_FIELDS = Set.of("span_id", "parent_span_id");

  private JsonRedaction() {}

  static JsonNode redactTree(Redactor redactor, JsonNode tree) {
    if (tree == null) {
      return null;
    }
    if (tree.isTextual()) {
      return TextNode.valueOf(redactor.redact(tree.textValue()));
    }
    JsonNode copy = tree.deepCopy();
    redactInPlace(redactor, copy);
    return copy;
  }

  static TraceRecord redactRecord(Redactor redactor, TraceRecord record) {
    if (record == null) {
      return null;
    }
    ObjectNode tree = TraceJson.MAPPER.valueToTree(record);
    boolean changed = false;
    for (Map.Entry<String, JsonNode> field : tree.properties()) {
      if (EXEMPT_RECORD_FIELDS.contains(field.getKey())) {
        continue;
      }
      changed |= "spans".equals(field.getKey())
          ? redactSpans(redactor, field.getValue())
          : redactChild(redactor, field);
    }
    return changed ? toRecord(tree) : record;
  }

  private static boolean redactSpans(Redactor redactor, JsonNode spans) {
    boolean changed = false;
    for (JsonNode span : spans) {
      if (!span.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> field : span.properties()) {
        if (!EXEMPT_SPAN_FIELDS.contains(field.getKey())) {
          changed |= redactChild(redactor, field);
        }
      }
    }
    return changed;
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

  private static TraceRecord toRecord(ObjectNode tree) {
    try {
      return TraceJson.MAPPER.treeToValue(tree, TraceRecord.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("redacted trace record no longer maps back to TraceRecord: "
          + e.getOriginalMessage(), e);
    }
  }
}
