package gw.mock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds a deterministic answer: the one to three context sentences that share the most words with the
 * question, cited when the system prompt asks for sources; a restatement of the question without context.
 */
final class AnswerComposer {

  private static final int MAX_SENTENCES = 3;
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
  private static final Pattern JSON_WORD = Pattern.compile("\\bjson\\b", Pattern.CASE_INSENSITIVE);

  private AnswerComposer() {
  }

  /** A context sentence and the document it comes from. */
  record Excerpt(String source, String sentence) {
  }

  static Answer compose(Prompt prompt) {
    if (prompt.documents().isEmpty() || prompt.question().isBlank()) {
      return new Answer(withoutContext(prompt.question()), List.of());
    }
    List<Excerpt> chosen = excerpts(prompt);
    if (chosen.isEmpty()) {
      return new Answer("The provided context does not contain information about \"" + prompt.question() + "\".",
          List.of());
    }
    boolean cite = asksForCitations(prompt.instructions());
    StringBuilder text = new StringBuilder();
    Set<String> sources = new LinkedHashSet<>();
    for (Excerpt excerpt : chosen) {
      text.append(text.length() == 0 ? "" : " ").append(excerpt.sentence());
      if (cite) {
        text.append(" [").append(excerpt.source()).append(']');
      }
      sources.add(excerpt.source());
    }
    return new Answer(text.toString(), List.copyOf(sources));
  }

  static boolean asksForCitations(String instructions) {
    String lower = instructions.toLowerCase(Locale.ROOT);
    return lower.contains("cite") && lower.contains("source");
  }

  static boolean asksForJson(String instructions) {
    return JSON_WORD.matcher(instructions).find();
  }

  private static String withoutContext(String question) {
    if (question.isBlank()) {
      return "Based on the information available, there is no question to answer yet.";
    }
    return "Based on the information available, I cannot give a definitive answer to \"" + question
        + "\" without more context.";
  }

  /** The one to three context sentences that answer the question best; empty when none shares a word. */
  static List<Excerpt> excerpts(Prompt prompt) {
    return choose(prompt).stream().map(candidate -> new Excerpt(candidate.source, candidate.sentence)).toList();
  }

  /** Every sentence of the documents, in order. */
  static List<Excerpt> allSentences(List<ContextDocument> documents) {
    return sentences(documents).stream().map(candidate -> new Excerpt(candidate.source, candidate.sentence))
        .toList();
  }

  private static List<Candidate> choose(Prompt prompt) {
    Set<String> questionWords = new HashSet<>(Words.significant(prompt.question()));
    List<Candidate> sentences = sentences(prompt.documents());
    Map<String, Integer> sentencesWithWord = new HashMap<>();
    sentences.forEach(sentence -> sentence.words.forEach(word -> sentencesWithWord.merge(word, 1, Integer::sum)));
    // Rare shared words weigh more (a crude IDF), so "refund" beats "days" that every document mentions.
    List<Scored> ranked = new ArrayList<>();
    for (Candidate sentence : sentences) {
      double score = sentence.words.stream().filter(questionWords::contains)
          .mapToDouble(word -> Math.log(1 + (double) sentences.size() / sentencesWithWord.get(word))).sum();
      if (score > 0) {
        ranked.add(new Scored(sentence, score));
      }
    }
    ranked.sort(Comparator.comparingDouble((Scored s) -> -s.score).thenComparingInt(s -> s.candidate.order));
    List<Candidate> chosen = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Scored scored : ranked) {
      // Keep only sentences nearly as relevant as the best one, so weak matches don't dilute the answer.
      if (chosen.size() < MAX_SENTENCES && scored.score * 3 >= ranked.get(0).score * 2
          && seen.add(scored.candidate.sentence)) {
        chosen.add(scored.candidate);
      }
    }
    return chosen;
  }

  private static List<Candidate> sentences(List<ContextDocument> documents) {
    List<Candidate> sentences = new ArrayList<>();
    for (ContextDocument document : documents) {
      for (String sentence : SENTENCE_END.split(document.text().trim())) {
        sentences.add(new Candidate(document.source(), sentence.trim(), new HashSet<>(Words.significant(sentence)),
            sentences.size()));
      }
    }
    return sentences;
  }

  private record Scored(Candidate candidate, double score) {
  }

  private record Candidate(String source, String sentence, Set<String> words, int order) {
  }
}
