package io.newsflow.api;

/** Names what the index stage is asked to apply to one document: its extracted text, or an enrichment. */
public sealed interface IndexOperation {

  DocumentId id();

  /** The revision of the document this operation belongs to. */
  long revision();

  /** Indexes the extracted document, replacing an older revision. */
  record Extracted(ExtractedDocument document) implements IndexOperation {
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
