package gw.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code curl} examples of a Markdown file, block by block. An example is checked when its comment
 * says what comes back, {@code # -> 200} or {@code # -> 429, Retry-After: 5} (on its line or the next):
 * the status, then any {@code Header: value} the answer carries; other words in the comment are prose.
 */
final class DocExamples {
  private static final Pattern FENCE = Pattern.compile("^```(bash|sh)\\s*$");
  private static final Pattern EXPECT = Pattern.compile("^#\\s*->\\s*(\\d{3})(.*)$");
  private static final Pattern HEADER = Pattern.compile("^([A-Za-z][A-Za-z0-9-]*): (\\S+)");

  /** One command; {@code status} is null when the docs say nothing checkable about it. */
  record Example(String where, String command, Integer status, Map<String, String> headers) {
    boolean checked() {
      return status != null;
    }
  }

  record Block(String where, List<Example> examples) {
    boolean checked() {
      return examples.stream().anyMatch(Example::checked);
    }
  }

  private DocExamples() {}

  static List<Block> blocks(Path markdown, String name) throws IOException {
    List<String> lines = Files.readAllLines(markdown);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (FENCE.matcher(lines.get(i)).matches()) {
        int start = i + 1;
        int end = start;
        while (end < lines.size() && !lines.get(end).startsWith("```")) {
          end++;
        }
        blocks.add(new Block(name + ":" + start, examples(lines, start, end, name)));
        i = end;
      }
    }
    return blocks;
  }

  private static List<Example> examples(List<String> lines, int start, int end, String name) {
    List<Example> examples = new ArrayList<>();
    for (int i = start; i < end; i++) {
      String line = lines.get(i).trim();
      Matcher expect = EXPECT.matcher(line);
      if (expect.matches() && !examples.isEmpty() && !examples.get(examples.size() - 1).checked()) {
        Example last = examples.remove(examples.size() - 1);
        examples.add(expecting(last.where(), last.command(), expect));
        continue;
      }
      if (!line.startsWith("curl ")) {
        continue;
      }
      StringBuilder command = new StringBuilder();
      int first = i;
      String part = lines.get(i);
      boolean inQuote;
      while (true) {
        inQuote = quotesOpen(command);
        String code = inQuote ? part.stripTrailing() : withoutComment(part);
        command.append(code.endsWith("\\") ? code.substring(0, code.length() - 1) : code).append(' ');
        if ((code.endsWith("\\") || quotesOpen(command)) && i + 1 < end) {
          part = lines.get(++i);
        } else {
          break;
        }
      }
      String comment = inQuote ? "" : part.substring(withoutComment(part).length()).trim();
      Matcher inline = EXPECT.matcher(comment);
      String where = name + ":" + (first + 1);
      examples.add(inline.matches() ? expecting(where, command.toString().trim(), inline)
          : new Example(where, command.toString().trim(), null, Map.of()));
    }
    return examples;
  }

  private static Example expecting(String where, String command, Matcher expect) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String item : expect.group(2).split(",")) {
      Matcher header = HEADER.matcher(item.trim());
      if (header.find()) {
        headers.put(header.group(1), header.group(2));
      }
    }
    return new Example(where, command, Integer.parseInt(expect.group(1)), headers);
  }

  private static boolean quotesOpen(CharSequence text) {
    return text.chars().filter(c -> c == '\'').count() % 2 == 1;
  }

  /** The line up to a {@code #} that starts a comment (outside quotes, after a space). */
  private static String withoutComment(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i).stripTrailing();
      }
    }
    return line.stripTrailing();
  }
}
