package io.newsflow.api;

/** Names what the index stage is asked to apply to one document: its extracted text, or an enrichment. */
public sealed interface IndexOperation {

  DocumentId id();

  /** The revision of the document this operation belongs to. */
  long revision();

  /**
   * Indexes the extracted document, replacing an older revision.
   *
   * @param document the document
   * @param json the document's record as it travelled on Kafka (its {@link Json} encoding), or {@code null}: when given, the
   *     index stage may copy its members into the indexed document instead of encoding {@code document} again
   */
  record Extracted(ExtractedDocument document, byte[] json) implements IndexOperation {

    public Extracted(ExtractedDocument document) {
      this(document, null);
    }

    /** Compares the documents only: {@code json} is one encoding of {@code document}. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Extracted e && e.document.equals(document);
    }

    @Override
    public int hashCode() {
      return document.hashCode();
    }

    @Override
    public String toString() {
      return "Extracted[document=" + document + "]";
    }

    @Override
    public DocumentId id() {
      return document.id();
    }

    @Override
    public long revision() {
      return document.revision();
    }
  }

  /** Adds an enrichment to the indexed document, unless the document has moved on to a newer revision. */
  record Enriched(Enrichment enrichment) implements IndexOperation {
    @Override
    public DocumentId id() {
      return enrichment.id();
    }

    @Override
    public long revision() {
      return enrichment.revision();
    }
  }
}
