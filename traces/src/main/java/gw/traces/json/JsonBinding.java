package gw.traces.json;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Binds a JSON document to a record with {@link Json#CONFIG} and turns Jackson's complaints into
 * {@link BindingException}s that name the field by its JSON path and say how to fix it. A record
 * component's {@link JsonPropertyDescription} (or its type's {@link JsonClassDescription}) is what a
 * wrong value is told it must be, e.g. {@code "a number in [0,1] (0.1 keeps 10%)"}.
 */
public final class JsonBinding {
  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  private JsonBinding() {}

  public static <T> T bind(JsonNode document, Class<T> type) {
    if (document == null || !document.isObject()) {
      throw new BindingException("the top level", "must be a JSON object, got " + document,
          "write the settings as {\"field\": value, ...}");
    }
    try {
      return Json.CONFIG.treeToValue(document, type);
    } catch (UnrecognizedPropertyException e) {
      throw unknownField(path(e.getPath()), e.getPropertyName(), e.getKnownPropertyIds());
    } catch (MismatchedInputException e) {
      throw wrongType(e, document);
    } catch (JsonMappingException e) {
      throw new BindingException(path(e.getPath()), "is invalid (" + e.getOriginalMessage() + ")",
          "compare it with the shipped file");
    } catch (JsonProcessingException e) {
      throw new BindingException("the top level", "is invalid (" + e.getOriginalMessage() + ")",
          "compare it with the shipped file");
    }
  }

  /** The error for a field no record declares, with the closest known name when one is near. */
  public static BindingException unknownField(String field, String name, Collection<?> known) {
    TreeSet<String> names = new TreeSet<>();
    known.forEach(k -> names.add(String.valueOf(k)));
    String nearest = Spelling.nearest(name, names);
    return new BindingException(field, "is not a known field",
        (nearest == null ? "" : "did you mean " + nearest + "? ") + "known fields: " + names);
  }

  private static BindingException wrongType(MismatchedInputException e, JsonNode document) {
    List<Reference> refs = e.getPath();
    JsonNode value = valueAt(document, refs);
    Class<?> target = e.getTargetType();
    String expected = description(refs, target);
    return new BindingException(path(refs), "must be " + expected + ", got " + value, ValueKind.of(target).fix(value));
  }

  private static String path(List<Reference> refs) {
    StringBuilder out = new StringBuilder();
    for (Reference r : refs) {
      if (r.getFieldName() != null) {
        out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.isEmpty() ? "the top level" : out.toString();
  }

  private static JsonNode valueAt(JsonNode document, List<Reference> refs) {
    JsonNode node = document;
    for (Reference r : refs) {
      if (node == null) {
        return null;
      }
      node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
    }
    return node;
  }

  private static String description(List<Reference> refs, Class<?> target) {
    if (!refs.isEmpty()) {
      Reference last = refs.get(refs.size() - 1);
      Object from = last.getFrom();
      Class<?> owner = from instanceof Class<?> c ? c : from == null ? null : from.getClass();
      String described = owner == null ? null : propertyDescription(owner, last.getFieldName());
      if (described != null) {
        return described;
      }
    }
    JsonClassDescription classDescription = target == null ? null : target.getAnnotation(JsonClassDescription.class);
    return classDescription != null ? classDescription.value() : ValueKind.of(target).expected;
  }

  private static String propertyDescription(Class<?> owner, String jsonName) {
    if (!owner.isRecord() || jsonName == null) {
      return null;
    }
    for (RecordComponent c : owner.getRecordComponents()) {
      JsonPropertyDescription d = c.getAccessor().getAnnotation(JsonPropertyDescription.class);
      if (d != null && jsonName(c).equals(jsonName)) {
        return d.value();
      }
    }
    return null;
  }

  private static String jsonName(RecordComponent c) {
    JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
    return renamed != null && !renamed.value().isEmpty() ? renamed.value() : SNAKE.translate(c.getName());
  }
}
