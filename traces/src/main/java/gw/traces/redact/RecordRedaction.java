package gw.traces.redact;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Redacts every string inside a record graph (strings, JSON trees, lists, maps and nested records)
 * by walking record components directly, so a new field is covered without being listed here and
 * no JSON round trip is paid. Unchanged parts are shared, not copied. Exempt fields are named in
 * snake_case, as they appear in the stored JSON.
 */
final class RecordRedaction {
  private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

  private final Redactor redactor;
  private final Set<String> exempt;

  RecordRedaction(Redactor redactor, Set<String> exemptFields) {
    this.redactor = redactor;
    this.exempt = exemptFields;
  }

  @SuppressWarnings("unchecked")
  <R extends Record> R redact(R record) {
    return (R) redactValue(record);
  }

  private Object redactValue(Object value) {
    if (value instanceof String text) {
      return redactor.redact(text);
    }
    if (value instanceof JsonNode tree) {
      return JsonRedaction.redactTree(redactor, tree);
    }
    if (value instanceof List<?> list) {
      return redactList(list);
    }
    if (value instanceof Map<?, ?> map) {
      return redactMap(map);
    }
    if (value instanceof Record nested) {
      return redactRecord(nested);
    }
    return value;
  }

  private Object redactList(List<?> list) {
    List<Object> out = null;
    for (int i = 0; i < list.size(); i++) {
      Object before = list.get(i);
      Object after = redactValue(before);
      if (after != before && out == null) {
        out = new ArrayList<>(list.subList(0, i));
      }
      if (out != null) {
        out.add(after);
      }
    }
    return out == null ? list : List.copyOf(out);
  }

  /** Copies only once a value changes, in the map's order, like {@link #redactList}. */
  private Object redactMap(Map<?, ?> map) {
    Map<Object, Object> out = null;
    int seen = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object after = redactValue(e.getValue());
      if (after != e.getValue() && out == null) {
        out = new LinkedHashMap<>();
        int copied = 0;
        for (Map.Entry<?, ?> earlier : map.entrySet()) {
          if (copied++ == seen) {
            break;
          }
          out.put(earlier.getKey(), earlier.getValue());
        }
      }
      if (out != null) {
        out.put(e.getKey(), after);
      }
      seen++;
    }
    return out == null ? map : out;
  }

  private Object redactRecord(Record record) {
    Shape shape = SHAPES.computeIfAbsent(record.getClass(), Shape::of);
    Object[] values = new Object[shape.accessors.length];
    boolean changed = false;
    for (int i = 0; i < values.length; i++) {
      Object before = shape.get(i, record);
      Object after = exempt.contains(shape.jsonNames[i]) ? before : redactValue(before);
      changed |= after != before;
      values[i] = after;
    }
    return changed ? shape.create(values) : record;
  }

  /** A record class's accessors, JSON names and canonical constructor, looked up once. */
  private record Shape(Method[] accessors, String[] jsonNames, Constructor<?> constructor) {
    static Shape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Method[] accessors = new Method[components.length];
      String[] names = new String[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        accessors[i] = components[i].getAccessor();
        accessors[i].setAccessible(true);
        names[i] = snakeCase(components[i].getName());
        types[i] = components[i].getType();
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return new Shape(accessors, names, constructor);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
      }
    }

    Object get(int i, Record record) {
      try {
        return accessors[i].invoke(record);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + jsonNames[i] + " of " + record.getClass().getName(), e);
      }
    }

    Object create(Object[] values) {
      try {
        return constructor.newInstance(values);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot rebuild " + constructor.getDeclaringClass().getName(), e);
      }
    }

    private static String snakeCase(String camel) {
      StringBuilder sb = new StringBuilder(camel.length() + 4);
      for (char c : camel.toCharArray()) {
        if (Character.isUpperCase(c)) {
          sb.append('_').append(Character.toLowerCase(c));
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }
  }
}
