package gw.mock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The knowledge base as a tiny vector store: every document embedded once with the mock's own embedding
 * vectors, searched by cosine similarity (a dot product, the vectors being unit length).
 */
final class KnowledgeIndex {

  private static final String EMBEDDING_MODEL = "text-embedding-3-small";
  private static final int DIMENSIONS = 512;

  /** A document with its similarity to the query, clamped to [0, 1]. */
  record Hit(KnowledgeBase.Document document, double score) {
  }

  private record Entry(KnowledgeBase.Document document, float[] vector) {
  }

  private final List<Entry> entries;

  KnowledgeIndex(List<KnowledgeBase.Document> documents) {
    this.entries = documents.stream()
        .map(document -> new Entry(document, embed(document.content())))
        .toList();
  }

  /** The {@code topK} documents most similar to {@code query}, best first. */
  List<Hit> search(String query, int topK) {
    float[] queryVector = embed(query);
    List<Hit> hits = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      hits.add(new Hit(entry.document(), clamp(dot(queryVector, entry.vector()))));
    }
    hits.sort(Comparator.comparingDouble(Hit::score).reversed());
    return hits.subList(0, Math.min(topK, hits.size()));
  }

  private static float[] embed(String text) {
    return EmbeddingVectors.vector(EMBEDDING_MODEL, text, DIMENSIONS);
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  // Rounded so scores read like a vector store's, and so equal inputs give byte-equal answers.
  private static double clamp(double cosine) {
    return Math.round(Math.max(0, Math.min(1, cosine)) * 1000) / 1000.0;
  }
}
