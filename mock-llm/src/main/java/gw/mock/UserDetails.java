package gw.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Details users give about themselves in a message (name, email, phone, order number), so a realistic
 * answer can repeat them, and the question without them, so they don't sway which context is chosen.
 *
 * @param name        first name, or null
 * @param email       as written, or null
 * @param phone       as written, or null
 * @param orderNumber as written without a leading {@code #}, or null
 * @param question    the text with the details taken out
 */
record UserDetails(String name, String email, String phone, String orderNumber, String question) {

  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern PHONE = Pattern.compile(
      "(?<![\\w-])(?:\\+?1[ .-]?)?(?:\\(\\d{3}\\)|\\d{3})[ .-]?\\d{3}[ .-]?\\d{4}(?![\\w-])");
  private static final Pattern ORDER = Pattern.compile(
      "(?i)\\border(?:\\s+(?:number|no\\.?|id))?\\s*[:#]?\\s*#?([A-Z]{1,3}-?\\d{4,})");
  private static final Pattern NAME = Pattern.compile(
      "(?:[Mm]y name is|[Tt]his is|I'm|I am)\\s+([A-Z][a-z]+)(?:\\s+[A-Z][a-z]+)?");

  static UserDetails find(String text) {
    List<int[]> spans = new ArrayList<>();
    String email = first(EMAIL, text, 0, spans);
    String phone = first(PHONE, text, 0, spans);
    String order = first(ORDER, text, 1, spans);
    String name = first(NAME, text, 1, spans);
    return new UserDetails(name, email, phone, order, without(text, spans));
  }

  boolean any() {
    return name != null || email != null || phone != null || orderNumber != null;
  }

  /**
   * The phone number in the plan's format. Digit groups stay whole, so every number in the echo is one
   * the user wrote (a fact checker finds it in the prompt).
   */
  String phoneAs(RealisticPlan.PhoneFormat format) {
    String digits = phone.replaceAll("\\D", "");
    String national = digits.length() == 11 && digits.startsWith("1") ? digits.substring(1) : digits;
    if (format == RealisticPlan.PhoneFormat.AS_WRITTEN || national.length() != 10) {
      return phone;
    }
    String separator = format == RealisticPlan.PhoneFormat.SPACES ? " " : "-";
    return national.substring(0, 3) + separator + national.substring(3, 6) + separator + national.substring(6);
  }

  private static String first(Pattern pattern, String text, int group, List<int[]> spans) {
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      int start = matcher.start(group);
      int end = matcher.end(group);
      if (spans.stream().noneMatch(span -> start < span[1] && end > span[0])) {
        spans.add(new int[] {matcher.start(), matcher.end()});
        return matcher.group(group);
      }
    }
    return null;
  }

  private static String without(String text, List<int[]> spans) {
    StringBuilder rest = new StringBuilder(text);
    spans.stream().sorted((a, b) -> b[0] - a[0]).forEach(span -> rest.replace(span[0], span[1], " "));
    return rest.toString().replaceAll("\\s+", " ").trim();
  }
}
