package io.newsflow.enrich.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes MinHash signatures over word shingles and their locality-sensitive-hashing band keys.
 * Pure and thread-safe; the hash functions are fixed, so signatures from any worker, process or
 * version of this class with the same {@link #VERSION} compare.
 *
 * <p>Shingles are {@value #SHINGLE_WORDS} consecutive lowercased words. {@value #HASHES} hash
 * functions make the signature; it is cut into {@value #BANDS} bands of {@value #ROWS} rows. Two
 * documents share a band key with probability 1 - (1 - J^8)^16 for Jaccard similarity J: 0.94 at
 * J = 0.8, 0.39 at J = 0.6, 0.04 at J = 0.4, so a search on the band keys finds the candidates of a
 * 0.8 threshold and few others; the signatures then estimate J (standard error about 0.035 at 0.8).
 */
public final class MinHasher {

  public static final String VERSION = "minhash-5w-128-16x8-v1";
  static final int SHINGLE_WORDS = 5;
  static final int HASHES = 128;
  static final int BANDS = 16;
  static final int ROWS = HASHES / BANDS;

  // Universal hashing modulo the Mersenne prime 2^61 - 1, with coefficients from a fixed seed.
  private static final long PRIME = (1L << 61) - 1;
  private static final long[] A = new long[HASHES];
  private static final long[] B = new long[HASHES];
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  static {
    java.util.SplittableRandom random = new java.util.SplittableRandom(0x6e657773666c6f77L); // "newsflow"
    for (int i = 0; i < HASHES; i++) {
      A[i] = 1 + random.nextLong(PRIME - 1);
      B[i] = random.nextLong(PRIME);
    }
  }

  /** Gives a document's signature and band keys. */
  public record Signature(List<Long> values, List<String> bands) {}

  private MinHasher() {}

  /** Returns the signature of {@code text}; a text without words has empty lists. */
  public static Signature of(String text) {
    long[] shingles = distinctShingles(text);
    if (shingles.length == 0) {
      return new Signature(List.of(), List.of());
    }
    long[] min = new long[HASHES];
    java.util.Arrays.fill(min, Long.MAX_VALUE);
    for (long s : shingles) {
      long x = Long.remainderUnsigned(s, PRIME);
      for (int i = 0; i < HASHES; i++) {
        long h = mulAddMod(A[i], x, B[i]);
        if (h < min[i]) {
          min[i] = h;
        }
      }
    }
    List<Long> values = new ArrayList<>(HASHES);
    for (long m : min) {
      values.add(m);
    }
    List<String> bands = new ArrayList<>(BANDS);
    for (int b = 0; b < BANDS; b++) {
      long h = 0xcbf29ce484222325L;
      for (int r = 0; r < ROWS; r++) {
        h = (h ^ min[b * ROWS + r]) * 0x100000001b3L;
      }
      bands.add(b + ":" + Long.toHexString(h));
    }
    return new Signature(values, bands);
  }

  /** Estimates the Jaccard similarity of two signatures; see {@link io.newsflow.api.Enrichment#minhashSimilarity}. */
  public static double similarity(List<? extends Number> a, List<? extends Number> b) {
    return io.newsflow.api.Enrichment.minhashSimilarity(a, b);
  }

  /** Returns the exact Jaccard similarity of the shingle sets of two texts (for evaluation). */
  public static double jaccard(String a, String b) {
    Set<Long> x = shingles(a);
    Set<Long> y = shingles(b);
    if (x.isEmpty() && y.isEmpty()) {
      return 1;
    }
    Set<Long> union = new HashSet<>(x);
    union.addAll(y);
    x.retainAll(y);
    return (double) x.size() / union.size();
  }

  /** Returns the distinct shingle hashes of {@code text}, sorted (no boxing: this runs on every document). */
  private static long[] distinctShingles(String text) {
    List<byte[]> words = words(text);
    int n = Math.min(SHINGLE_WORDS, words.size());
    if (n == 0) {
      return new long[0];
    }
    long[] all = new long[words.size() - n + 1];
    for (int i = 0; i < all.length; i++) {
      all[i] = fnv64(words, i, n);
    }
    java.util.Arrays.sort(all);
    int distinct = 0;
    for (int i = 0; i < all.length; i++) {
      if (i == 0 || all[i] != all[i - 1]) {
        all[distinct++] = all[i];
      }
    }
    return java.util.Arrays.copyOf(all, distinct);
  }

  private static List<byte[]> words(String text) {
    List<byte[]> words = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group().getBytes(StandardCharsets.UTF_8));
    }
    return words;
  }

  private static Set<Long> shingles(String text) {
    List<byte[]> words = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group().getBytes(StandardCharsets.UTF_8));
    }
    Set<Long> shingles = new HashSet<>();
    int n = Math.min(SHINGLE_WORDS, words.size());
    for (int i = 0; n > 0 && i + n <= words.size(); i++) {
      shingles.add(fnv64(words, i, n));
    }
    return shingles;
  }

  /**
   * Returns the 64-bit FNV-1a hash of the UTF-8 bytes of words {@code from} to {@code from + n - 1}
   * joined by single spaces, without building the joined string.
   */
  private static long fnv64(List<byte[]> words, int from, int n) {
    long h = 0xcbf29ce484222325L;
    for (int w = from; w < from + n; w++) {
      if (w > from) {
        h = (h ^ ' ') * 0x100000001b3L;
      }
      for (byte b : words.get(w)) {
        h = (h ^ (b & 0xff)) * 0x100000001b3L;
      }
    }
    return h;
  }

  /** Returns (a * x + b) mod 2^61 - 1 without overflow, for a, x, b below the prime. */
  private static long mulAddMod(long a, long x, long b) {
    long hi = Math.multiplyHigh(a, x);
    long lo = a * x;
    // a*x = hi * 2^64 + lo; reduce with 2^61 = 1 (mod p).
    long r = (lo & PRIME) + (lo >>> 61) + (hi << 3);
    r = (r & PRIME) + (r >>> 61);
    r += b;
    r = (r & PRIME) + (r >>> 61);
    return r >= PRIME ? r - PRIME : r;
  }
}
