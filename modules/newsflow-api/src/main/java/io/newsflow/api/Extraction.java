package io.newsflow.api;

import java.util.List;
import java.util.Objects;

/**
 * Holds everything extracted from one file: its own document, the documents embedded in it (e-mail
 * attachments, files in an archive, objects in an office file), each with its
 * {@link ExtractedDocument#embedded()} link, and the embedded documents that could not be read.
 *
 * @param document the file's own document
 * @param children embedded documents with text, in the order the file holds them
 * @param failures embedded documents that failed (an encrypted attachment, a corrupt entry)
 */
public record Extraction(ExtractedDocument document, List<ExtractedDocument> children, List<Failure> failures) {

  public Extraction {
    Objects.requireNonNull(document, "document");
    children = children == null ? List.of() : List.copyOf(children);
    failures = failures == null ? List.of() : List.copyOf(failures);
  }

  /** Returns an extraction of a file with nothing embedded. */
  public static Extraction of(ExtractedDocument document) {
    return new Extraction(document, List.of(), List.of());
  }

  /**
   * Describes an embedded document that yielded nothing, so it gets a dead letter of its own.
   *
   * @param id the id the document would have had
   * @param source its source URI (the file's URI with the path inside it as fragment)
   * @param reason why it failed
   * @param errorClass the exception class behind it, or {@code null}
   * @param message what happened
   */
  public record Failure(DocumentId id, String source, FailureReason reason, String errorClass, String message) {
    public Failure {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }
}
