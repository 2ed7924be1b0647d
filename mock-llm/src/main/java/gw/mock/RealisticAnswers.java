package gw.mock;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The realistic profile's answers: markdown with a short answer and bullet lists, the user's own details
 * repeated, citations in the plan's style, padded towards the plan's length with the rest of the context
 * and general advice; a polite refusal when the context has nothing on the question. Every number in an
 * answer comes from the context or from the user's own message, so a grounding check finds it.
 */
final class RealisticAnswers {

  static final List<String> REFUSALS = List.of(
      "I'm sorry, but I can't help with that here. I can answer questions about orders, shipping, returns, "
          + "billing and your account.",
      "That question is outside what I can help with. I'm the shop's support assistant, so I can answer "
          + "questions about orders, shipping, returns, billing and your account.");
  private static final List<String> OPENINGS = List.of("Happy to help!", "Good question.", "Sure, here's what "
      + "I found.", "Thanks for reaching out.");
  private static final List<String> NAMED_OPENINGS = List.of("Hi %s, happy to help!", "Thanks for reaching out, "
      + "%s.", "Hello %s!");
  private static final List<String> CLOSINGS = List.of("Is there anything else I can help you with?",
      "Let me know if you have any other questions.", "I hope this helps!");
  private static final List<String> ADVICE = List.of(
      "Keep the confirmation email of your order, because it holds everything support needs to find it.",
      "The details of each policy are also on the help pages of the shop.",
      "Changes to your account settings take effect as soon as you save them.",
      "If something looks wrong on the Orders page, sign out and back in before trying again.",
      "Support can see the history of your requests, so there is no need to repeat earlier messages.",
      "When you write to support, describe what you expected and what happened instead.",
      "Photos help a lot when an item arrived damaged or incomplete.",
      "Payment details are never asked for by email or chat, so please don't share them here.",
      "Notifications about your orders can be switched on or off in your account settings.",
      "A reply from support always comes from the shop's own domain.");
  private static final List<String> STEPS = List.of(
      "Sign in to your account on the shop's website.",
      "Open the page the policy above points to.",
      "Check that the details shown match your order.",
      "Follow the instructions on that page and confirm.",
      "Watch your inbox for a confirmation email.",
      "Reply to that email if anything is still unclear.");

  // Enough for the longest plan; a bound so a wrong token count can never loop forever.
  private static final int MAX_ADVICE_LINES = 200;
  // Footnote numbers above 9 would be numbers found nowhere in the request.
  private static final int MAX_NUMBERED_SOURCES = 9;

  private RealisticAnswers() {
  }

  static Answer compose(Prompt prompt, RealisticPlan plan, ToIntFunction<String> tokens) {
    UserDetails details = UserDetails.find(prompt.question());
    Prompt focused = new Prompt(prompt.documents(), details.question(), prompt.instructions());
    List<AnswerComposer.Excerpt> core = prompt.documents().isEmpty() || details.question().isBlank()
        ? List.of() : AnswerComposer.excerpts(focused);
    if (core.isEmpty()) {
      return new Answer(plan.pick(REFUSALS, 0), List.of());
    }
    Citations citations = new Citations(citationStyle(prompt, plan));
    StringBuilder text = new StringBuilder(opening(details, plan)).append("\n\n");
    echo(details, plan).ifPresent(line -> text.append(line).append("\n\n"));
    text.append("**Short answer:** ").append(citations.tag(core.get(0))).append('\n');
    for (AnswerComposer.Excerpt excerpt : core.subList(1, core.size())) {
      text.append("- ").append(citations.tag(excerpt)).append('\n');
    }
    pad(text, prompt, core, citations, plan, tokens);
    text.append('\n').append(plan.pick(CLOSINGS, 2)).append(citations.footer());
    return new Answer(text.toString(), citations.sources());
  }

  private static RealisticPlan.CitationStyle citationStyle(Prompt prompt, RealisticPlan plan) {
    if (!AnswerComposer.asksForCitations(prompt.instructions())) {
      return null;
    }
    boolean fewSources = prompt.documents().stream().map(ContextDocument::source).distinct().count()
        <= MAX_NUMBERED_SOURCES;
    return plan.citations() == RealisticPlan.CitationStyle.NUMBERED && !fewSources
        ? RealisticPlan.CitationStyle.INLINE : plan.citations();
  }

  private static String opening(UserDetails details, RealisticPlan plan) {
    return details.name() == null ? plan.pick(OPENINGS, 1)
        : String.format(plan.pick(NAMED_OPENINGS, 1), details.name());
  }

  private static Optional<String> echo(UserDetails details, RealisticPlan plan) {
    List<String> parts = new ArrayList<>();
    if (details.orderNumber() != null) {
      parts.add("I've noted your order **" + details.orderNumber() + "**.");
    }
    if (details.email() != null) {
      parts.add("A copy of this answer goes to " + details.email() + ".");
    }
    if (details.phone() != null) {
      parts.add("If support needs to call, they will use " + details.phoneAs(plan.phoneFormat()) + ".");
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", parts));
  }

  /** More context, then steps and advice, until the answer is about as long as the plan says. */
  private static void pad(StringBuilder text, Prompt prompt, List<AnswerComposer.Excerpt> core,
                          Citations citations, RealisticPlan plan, ToIntFunction<String> tokens) {
    Length length = new Length(text, tokens);
    List<AnswerComposer.Excerpt> more = new ArrayList<>(AnswerComposer.allSentences(prompt.documents()));
    more.removeIf(excerpt -> core.stream().anyMatch(chosen -> chosen.sentence().equals(excerpt.sentence())));
    if (!more.isEmpty() && length.count < plan.targetTokens()) {
      length.append("\n### Good to know\n");
      more.forEach(excerpt -> length.append("- " + citations.tag(excerpt) + "\n"));
    }
    if (plan.longAnswer()) {
      length.append("\n### Step by step\n");
      for (int i = 0; i < STEPS.size(); i++) {
        length.append((i + 1) + ". " + STEPS.get(i) + "\n");
      }
    }
    for (int i = 0; length.count < plan.targetTokens() && i < MAX_ADVICE_LINES; i++) {
      if (i == 0) {
        length.append("\n### Tips\n");
      }
      length.append("- " + ADVICE.get(Math.floorMod(plan.variant() + i, ADVICE.size())) + "\n");
    }
  }

  /** The answer being written and its token count, kept by adding each piece's count. */
  private static final class Length {
    private final StringBuilder text;
    private final ToIntFunction<String> tokens;
    private int count;

    Length(StringBuilder text, ToIntFunction<String> tokens) {
      this.text = text;
      this.tokens = tokens;
      this.count = tokens.applyAsInt(text.toString());
    }

    void append(String piece) {
      text.append(piece);
      count += tokens.applyAsInt(piece);
    }
  }

  /** Tags sentences in the plan's citation style and remembers the sources used. */
  private static final class Citations {
    private final RealisticPlan.CitationStyle style;
    private final Set<String> used = new LinkedHashSet<>();

    Citations(RealisticPlan.CitationStyle style) {
      this.style = style;
    }

    String tag(AnswerComposer.Excerpt excerpt) {
      used.add(excerpt.source());
      if (style == RealisticPlan.CitationStyle.INLINE) {
        return excerpt.sentence() + " [" + excerpt.source() + "]";
      }
      if (style == RealisticPlan.CitationStyle.NUMBERED) {
        return excerpt.sentence() + " [" + (List.copyOf(used).indexOf(excerpt.source()) + 1) + "]";
      }
      return excerpt.sentence();
    }

    String footer() {
      if (style == RealisticPlan.CitationStyle.SOURCES_LINE) {
        return "\n\nSources: " + String.join(", ", used.stream().map(source -> "[" + source + "]").toList());
      }
      if (style == RealisticPlan.CitationStyle.NUMBERED) {
        StringBuilder notes = new StringBuilder("\n");
        List<String> sources = List.copyOf(used);
        for (int i = 0; i < sources.size(); i++) {
          notes.append("\n[").append(i + 1).append("] ").append(sources.get(i));
        }
        return notes.toString();
      }
      return "";
    }

    List<String> sources() {
      return List.copyOf(used);
    }
  }
}
