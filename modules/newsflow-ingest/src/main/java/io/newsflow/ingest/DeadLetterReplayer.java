package io.newsflow.ingest;

import io.newsflow.api.DeadLetter;
import io.newsflow.api.SourceFile;
import io.newsflow.api.Stage;
import io.newsflow.kafka.DeadLetterReader;
import io.newsflow.kafka.Replays;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends dead-lettered documents through the pipeline again, after their cause was fixed: a file that
 * failed ingest is read again from its source; a record that failed a later stage is put back on the
 * topic it came from. Thread-safe only under the caller's lock (it uses one {@link Replays}).
 */
public final class DeadLetterReplayer {

  private final Importer importer;
  private final Replays replays;

  public DeadLetterReplayer(Importer importer, Replays replays) {
    this.importer = importer;
    this.replays = replays;
  }

  /** What a replay did: how many went back in, and why the others could not. */
  public record Result(int replayed, Map<String, String> skipped) {}

  /**
   * Replays {@code letters} and waits until Kafka acknowledged each one.
   *
   * @throws IllegalStateException if Kafka does not acknowledge
   */
  public Result replay(List<DeadLetterReader.Located> letters) {
    List<CompletableFuture<?>> acks = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (DeadLetterReader.Located located : letters) {
      DeadLetter letter = located.letter();
      if (letter.origin() != null) {
        var ack = replays.replay(letter.origin().topic(), letter.origin().partition(), letter.origin().offset());
        if (ack.isPresent()) {
          acks.add(ack.get());
        } else {
          skipped.put(located.ref(), "the original record is no longer on " + letter.origin().topic() + " (retention)");
        }
      } else if (letter.stage() == Stage.INGEST && letter.source() != null && letter.source().startsWith("file:")) {
        // An embedded document's source is its file's URI with the path inside as fragment: replaying
        // it reads the whole file again, which re-extracts every embedded document (an overwrite).
        URI source = URI.create(letter.source());
        Path path;
        try {
          path = Path.of(new URI(source.getScheme(), source.getSchemeSpecificPart(), null));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
          skipped.put(located.ref(), "not a file URI: " + letter.source());
          continue;
        }
        try {
          BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
          acks.add(importer.ingest(new SourceFile(path.toUri(), path, attrs.size(), attrs.lastModifiedTime().toInstant(),
              Instant.now(), letter.jobId())));
        } catch (IOException e) {
          skipped.put(located.ref(), "the file is gone: " + path);
        }
      } else {
        skipped.put(located.ref(), "nothing to replay from: no source file and no original record");
      }
    }
    for (CompletableFuture<?> ack : acks) {
      try {
        ack.get(2, TimeUnit.MINUTES);
      } catch (Exception e) {
        throw new IllegalStateException("Kafka did not acknowledge a replay: " + e.getMessage(), e);
      }
    }
    return new Result(acks.size(), skipped);
  }
}
