package io.newsflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes two invented reports of one event: one names Councillor Mara Lindqvist in full, the other (a
 * brief) only as "Lindqvist". The story they form must give both the same person key, and the claim
 * both make (the pier closes for eleven weeks, 18 million euros) is reported by two sources.
 */
final class FerryStory {

  static final String FULL = "ferry-pier-harbour-gazette.txt";
  static final String BRIEF = "ferry-pier-coast-radio.txt";

  private FerryStory() {}

  /** Writes both files into {@code dir}, each ending with {@code nonce} so its bytes are its own. */
  static void write(Path dir, String nonce) throws IOException {
    Files.writeString(dir.resolve(FULL), """
        Northgate ferry pier to close for repairs

        Harbour Gazette staff
        NORTHGATE, April 14, 2026 — The Northgate Harbour Authority will close the old ferry pier for eleven weeks from Monday, Councillor Mara Lindqvist said on Tuesday.

        "The pier has carried passengers for ninety years and it needs a new spine," Councillor Mara Lindqvist told reporters in Northgate.

        The repairs will cost 18 million euros, the Northgate Harbour Authority said. Ferries will berth at the fish quay while the work goes on.

        (copy %s)
        """.formatted(nonce));
    Files.writeString(dir.resolve(BRIEF), """
        Pier works in Northgate

        Coast Radio news desk
        NORTHGATE, April 14, 2026 — The Northgate Harbour Authority is to shut the ferry pier for eleven weeks and spend 18 million euros on it, Lindqvist said on Tuesday. Ferries will use the fish quay in Northgate until the works end.

        (copy %s)
        """.formatted(nonce));
  }
}
