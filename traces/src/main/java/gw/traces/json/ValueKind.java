package gw.traces.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Set;

/** What a field's Java type asks of a JSON value, and how to write a wrong one right. */
enum ValueKind {
  INTEGER("an integer", "write it without quotes, e.g. 5", "write a whole number"),
  NUMBER("a number", "write it without quotes, e.g. 5.0", "write a number, e.g. 5.0"),
  BOOLEAN("true or false", "write true or false without quotes", "write true or false without quotes"),
  STRING("a string", "quote the value", "quote the value"),
  ARRAY("an array", "write a list in [ ], e.g. [\"a\", \"b\"] ([] for none)",
      "write a list in [ ], e.g. [\"a\", \"b\"] ([] for none)"),
  OBJECT("an object", "write an object in { }, as in the shipped file", "write an object in { }, as in the shipped file");

  private static final Set<Class<?>> INTEGERS = Set.of(Integer.class, int.class, Long.class, long.class, Short.class,
      short.class, BigInteger.class);
  private static final Set<Class<?>> NUMBERS = Set.of(Double.class, double.class, Float.class, float.class,
      BigDecimal.class, Number.class);

  final String expected;
  private final String fixForText;
  private final String fixForOther;

  ValueKind(String expected, String fixForText, String fixForOther) {
    this.expected = expected;
    this.fixForText = fixForText;
    this.fixForOther = fixForOther;
  }

  String fix(JsonNode wrong) {
    return wrong != null && wrong.isTextual() ? fixForText : fixForOther;
  }

  static ValueKind of(Class<?> type) {
    if (type == null) {
      return OBJECT;
    }
    if (INTEGERS.contains(type)) {
      return INTEGER;
    }
    if (NUMBERS.contains(type)) {
      return NUMBER;
    }
    if (type == Boolean.class || type == boolean.class) {
      return BOOLEAN;
    }
    if (type == String.class) {
      return STRING;
    }
    return Collection.class.isAssignableFrom(type) || type.isArray() ? ARRAY : OBJECT;
  }
}
