package io.newsflow.extract.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Computes the SHA-256 and the length of every byte read through it, so a file is hashed in the same
 * pass that parses it. Not thread-safe.
 *
 * <p>{@link #close()} does nothing: a parser that closes its input early must not cut the digest
 * short. The caller owns and closes the wrapped stream, after {@link #drain()}.
 */
public final class HashingInputStream extends DigestInputStream {

  private final byte[] skipBuffer = new byte[8192];
  private long count;

  public HashingInputStream(InputStream in) {
    super(in, sha256());
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b != -1) {
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count += n;
    }
    return n;
  }

  /** Reads instead of skipping: {@link DigestInputStream} would let skipped bytes bypass the digest. */
  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n) {
      int r = read(skipBuffer, 0, (int) Math.min(skipBuffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  /** Returns false: a reset would feed the same bytes to the digest twice. */
  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() {
    // Deliberately empty; see the class comment.
  }

  /** Reads the input to its end, so the digest covers the whole file even if the parser stopped early. */
  public void drain() throws IOException {
    while (read(skipBuffer, 0, skipBuffer.length) >= 0) {
      // the bytes only need to pass through the digest
    }
  }

  /** Returns the number of bytes read so far. */
  public long count() {
    return count;
  }

  /** Returns the SHA-256 of the bytes read so far, lowercase hex; call once, after {@link #drain()}. */
  public String sha256Hex() {
    return HexFormat.of().formatHex(getMessageDigest().digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }
}
