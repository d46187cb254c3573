package io.newsflow.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashingInputStreamTest {

  @Test
  void skippedReadAndDrainedBytesAllCountTowardsTheDigest() throws Exception {
    byte[] data = new byte[100_000];
    new Random(3).nextBytes(data);
    HashingInputStream in = new HashingInputStream(new ByteArrayInputStream(data));

    in.read(new byte[10]);
    in.skip(50_000);
    in.close();
    in.drain();

    assertThat(in.count()).isEqualTo(data.length);
    assertThat(in.sha256Hex())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
  }
}
