package gw.traces.redact;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import gw.traces.json.BindingException;
import gw.traces.json.Json;
import gw.traces.json.JsonBinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The patterns a {@link Redactor} looks for, read from {@code redaction_patterns.json} (the file in
 * the project's {@code config/}; the same file is this library's built-in catalogue). Listed most
 * specific first: when two patterns claim the same span, the earlier one names it. Every problem
 * names the field by its JSON path and says how to fix it.
 */
record PatternCatalog(List<SensitivePattern> patterns, SafeBreaks breaks) {
  private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

  record CatalogFile(@JsonPropertyDescription("an array of patterns, most specific first") List<Spec> patterns) {}

  /** One pattern as written; see docs/TRACES.md for what each field does. */
  record Spec(
      String type,
      String description,
      String sensitivity,
      String regex,
      @JsonPropertyDescription("an array of literals, e.g. [\"ghp_\", \"gho_\"]") List<String> startsWith,
      @JsonPropertyDescription("an array of literals, e.g. [\"Q~\"]") List<String> requires,
      Boolean anyCase,
      Integer minDigits,
      Boolean digitWindows,
      Integer minColons,
      Integer minTokenLength,
      Boolean tokenRuns,
      String validator,
      Double minEntropy,
      String decode,
      Boolean spansLines,
      @JsonPropertyDescription("an array of words, e.g. [\"bearer\"]") List<String> spaceAfter) {}

  static PatternCatalog builtIn() {
    // A copy of config/redaction_patterns.json, put beside this class by the traces module's build.
    try (InputStream in = PatternCatalog.class.getResourceAsStream(Redactor.PATTERNS_FILE)) {
      if (in == null) {
        throw new IllegalStateException("the built-in " + Redactor.PATTERNS_FILE
            + " is missing from the classpath; rebuild the traces module");
      }
      return fromJson(Json.CONFIG.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in " + Redactor.PATTERNS_FILE, e);
    }
  }

  /** The catalogue in {@code file}; a {@link BindingException} names the field at fault. */
  static PatternCatalog fromJson(JsonNode file) {
    CatalogFile catalog = JsonBinding.bind(file, CatalogFile.class);
    if (catalog.patterns() == null || catalog.patterns().isEmpty()) {
      throw new BindingException("patterns", "is missing or empty",
          "list the patterns to redact, as in the shipped config/redaction_patterns.json");
    }
    List<SensitivePattern> patterns = new ArrayList<>();
    Set<String> spaceAfter = new LinkedHashSet<>();
    for (int i = 0; i < catalog.patterns().size(); i++) {
      Field field = new Field("patterns[" + i + "]");
      Spec spec = catalog.patterns().get(i);
      if (spec == null) {
        throw field.error("", "is null", "write the pattern as an object");
      }
      patterns.add(pattern(spec, field));
      for (String word : Objects.requireNonNullElse(spec.spaceAfter(), List.<String>of())) {
        if (word == null || !WORD.matcher(word).matches()) {
          throw field.error(".space_after", "has " + word, "list plain words such as \"bearer\"");
        }
        spaceAfter.add(word.toLowerCase(Locale.ROOT));
      }
    }
    return new PatternCatalog(List.copyOf(patterns), new SafeBreaks(spaceAfter));
  }

  private static SensitivePattern pattern(Spec spec, Field field) {
    if (spec.type() == null || !TYPE_NAME.matcher(spec.type()).matches()) {
      throw field.error(".type", "is " + quoted(spec.type()),
          "name the placeholder in lower case, e.g. \"slack_token\"");
    }
    Pattern regex = compile(spec.regex(), field);
    boolean anyCase = Boolean.TRUE.equals(spec.anyCase());
    List<TextFeatures.Literal> startsWith = literals(spec.startsWith(), anyCase, field, ".starts_with");
    List<TextFeatures.Literal> requires = literals(spec.requires(), anyCase, field, ".requires");
    int minDigits = field.nonNegative(".min_digits", spec.minDigits());
    int minColons = field.nonNegative(".min_colons", spec.minColons());
    int minTokenLength = field.nonNegative(".min_token_length", spec.minTokenLength());
    boolean spansLines = Boolean.TRUE.equals(spec.spansLines());
    if (spansLines && (startsWith.isEmpty() || anyCase)) {
      throw field.error(".spans_lines", "needs starts_with, matched exactly (any_case off)",
          "list the literals a multi-line value starts with");
    }
    SensitivePattern.Precheck mayOccur =
        new SensitivePattern.Precheck(minDigits, minColons, minTokenLength, startsWith, requires);
    UnaryOperator<String> decoder = decoder(spec, field);
    return new SensitivePattern(spec.type(), sensitivity(spec, decoder != null, field), regex,
        spec.regex().contains("(?<" + SensitivePattern.SECRET_GROUP + ">"), mayOccur,
        scan(spec, startsWith, minDigits, minTokenLength, field), valueCheck(spec, field), decoder, spansLines);
  }

  private static Pattern compile(String regex, Field field) {
    if (regex == null || regex.isEmpty()) {
      throw field.error(".regex", "is missing", "write a Java regular expression");
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw field.error(".regex", "does not compile: " + e.getDescription() + " near index " + e.getIndex(),
          "fix the expression (Java regex syntax; in JSON a backslash is written \\\\)");
    }
    if (compiled.matcher("").find()) {
      throw field.error(".regex", "matches an empty text", "require at least one character");
    }
    return compiled;
  }

  private static Sensitivity sensitivity(Spec spec, boolean decodes, Field field) {
    if (spec.sensitivity() == null) {
      return Sensitivity.CREDENTIAL;
    }
    if (decodes) {
      throw field.error(".sensitivity", "is set on a decoding pattern",
          "remove it: a decoded value is as sensitive as what it hides");
    }
    for (Sensitivity s : Sensitivity.values()) {
      if (s.wireName().equals(spec.sensitivity())) {
        return s;
      }
    }
    throw field.error(".sensitivity", "is " + quoted(spec.sensitivity()),
        "use one of " + Arrays.stream(Sensitivity.values()).map(Sensitivity::wireName).toList());
  }

  private static SensitivePattern.Scan scan(Spec spec, List<TextFeatures.Literal> startsWith, int minDigits,
      int minTokenLength, Field field) {
    boolean digitWindows = Boolean.TRUE.equals(spec.digitWindows());
    boolean tokenRuns = Boolean.TRUE.equals(spec.tokenRuns());
    if ((digitWindows ? 1 : 0) + (tokenRuns ? 1 : 0) + (startsWith.isEmpty() ? 0 : 1) > 1) {
      throw field.error("", "sets more than one of starts_with, digit_windows and token_runs", "keep one");
    }
    if (digitWindows) {
      if (minDigits == 0) {
        throw field.error(".digit_windows", "needs min_digits", "set min_digits to the fewest digits a value has");
      }
      return new SensitivePattern.Scan.DigitWindows(minDigits);
    }
    if (tokenRuns) {
      if (minTokenLength == 0) {
        throw field.error(".token_runs", "needs min_token_length", "set min_token_length to the shortest value");
      }
      return new SensitivePattern.Scan.TokenRuns(minTokenLength);
    }
    return startsWith.isEmpty() ? new SensitivePattern.Scan.WholeText()
        : new SensitivePattern.Scan.LiteralStarts(startsWith);
  }

  private static Predicate<String> valueCheck(Spec spec, Field field) {
    Predicate<String> check = value -> true;
    if (spec.validator() != null) {
      check = ValueChecks.VALIDATORS.get(spec.validator());
      if (check == null) {
        throw field.error(".validator", "is " + quoted(spec.validator()),
            "use one of " + new TreeSet<>(ValueChecks.VALIDATORS.keySet()));
      }
    }
    if (spec.minEntropy() != null) {
      double minimum = spec.minEntropy();
      if (!(minimum >= 0 && minimum <= 8)) {
        throw field.error(".min_entropy", "is " + minimum, "use bits per character between 0 and 8, e.g. 3.0");
      }
      check = check.and(value -> ValueChecks.entropy(value) >= minimum);
    }
    return check;
  }

  private static UnaryOperator<String> decoder(Spec spec, Field field) {
    if (spec.decode() == null) {
      return null;
    }
    UnaryOperator<String> decoder = EncodedText.DECODERS.get(spec.decode());
    if (decoder == null) {
      throw field.error(".decode", "is " + quoted(spec.decode()),
          "use one of " + new TreeSet<>(EncodedText.DECODERS.keySet()));
    }
    return decoder;
  }

  private static List<TextFeatures.Literal> literals(List<String> literals, boolean anyCase, Field field, String name) {
    if (literals == null) {
      return List.of();
    }
    List<TextFeatures.Literal> out = new ArrayList<>();
    for (String literal : literals) {
      if (literal == null || literal.isEmpty()) {
        throw field.error(name, "has an empty literal", "remove it or write the text that must occur");
      }
      out.add(TextFeatures.Literal.of(literal, anyCase));
    }
    return List.copyOf(out);
  }


  private static String quoted(String value) {
    return value == null ? "missing" : "\"" + value + "\"";
  }

  /** Errors about one pattern of the file. */
  private record Field(String path) {
    BindingException error(String field, String problem, String fix) {
      return new BindingException(path + field, problem, fix);
    }

    int nonNegative(String field, Integer value) {
      if (value == null) {
        return 0;
      }
      if (value < 0) {
        throw error(field, "is " + value, "use 0 or more");
      }
      return value;
    }
  }
}
