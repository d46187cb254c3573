package io.newsflow.enrich;

import io.newsflow.api.Enricher;
import io.newsflow.api.Enrichment;
import io.newsflow.api.Enrichment.EnricherRun;
import io.newsflow.api.Entities.Entity;
import io.newsflow.api.Entities.Quote;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Outcome;
import io.newsflow.api.PipelineVersion;
import io.newsflow.enrich.internal.DateResolver;
import io.newsflow.enrich.internal.EntityNormaliser;
import io.newsflow.enrich.internal.KeyClaims;
import io.newsflow.enrich.internal.KeyPhrases;
import io.newsflow.enrich.internal.MinHasher;
import io.newsflow.enrich.internal.QuoteFinder;
import io.newsflow.enrich.internal.Sentences;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds named entities (merged within the document), the publication date and resolved dates, quotes
 * with their speakers, key phrases and a MinHash signature to what {@link BasicEnricher} computes. Thread-safe if the
 * recogniser is (the CoreNLP one is). Closing it closes the recogniser.
 *
 * <p>Sentences and tokens (OpenNLP's English models), entities, quotes and key phrases are English-only: for a document detected as another language
 * those steps are recorded in {@code enrichers} as skipped; dates still run (digits and English month
 * names are harmless elsewhere). Only the first {@code maxChars} characters go through the
 * recogniser, which takes time linear in the text (about 10 ms per thousand characters on one core).
 */
public final class NlpEnricher implements Enricher {

  /** Names of the steps in {@link Enrichment#enrichers()}. */
  public static final String ENTITIES = "entities";
  public static final String DATES = "dates";
  public static final String QUOTES = "quotes";
  public static final String KEY_PHRASES = "key-phrases";
  public static final String MINHASH = "minhash";
  public static final String SENTENCES = "sentences";
  public static final String CLAIMS = "claims";

  static final int KEY_PHRASE_COUNT = 10;

  private static final Logger LOG = LoggerFactory.getLogger(NlpEnricher.class);

  private final BasicEnricher basic;
  private final EntityRecognizer recognizer;
  private final int maxChars;

  /**
   * Creates an enricher over {@code recognizer}, which it owns and closes.
   *
   * @param maxChars how much of a text goes through the recogniser and the other NLP steps
   */
  public NlpEnricher(BasicEnricher basic, EntityRecognizer recognizer, int maxChars) {
    this.basic = Objects.requireNonNull(basic, "basic");
    this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
    if (maxChars <= 0) {
      throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
    }
    this.maxChars = maxChars;
    Sentences.load();
  }

  @Override
  public Outcome<Enrichment> enrich(ExtractedDocument document) {
    Outcome<Enrichment> base = basic.enrich(document);
    if (!(base instanceof Outcome.Success<Enrichment> success)) {
      return base;
    }
    Enrichment e = success.value();
    try {
      String text = document.text().length() > maxChars ? document.text().substring(0, maxChars) : document.text();
      List<EnricherRun> runs = new ArrayList<>(e.enrichers());
      boolean english = e.language() == null || e.language().equals("en");
      String skipped = english ? null : "language " + e.language();

      long t0 = System.nanoTime();
      // A web page's own publication date (JSON-LD, Open Graph, meta tags, visible dateline) comes
      // first: main-text extraction drops the byline and dateline from the text.
      java.time.Instant declared = document.web() != null && document.web().published() != null
          ? document.web().published() : document.created();
      DateResolver.Result dates = DateResolver.resolve(text, declared, document.metadata());
      long t1 = System.nanoTime();
      runs.add(new EnricherRun(DATES, PipelineVersion.CURRENT, Duration.ofNanos(t1 - t0)));

      List<Entity> entities = List.of();
      List<Quote> quotes = List.of();
      List<String> phrases = List.of();
      Sentences.Counts counts = null;
      List<io.newsflow.api.Entities.Claim> claims = List.of();
      opennlp.tools.util.Span[] sentenceSpans = null;
      if (english) {
        sentenceSpans = Sentences.sentences(text);
        List<EntityRecognizer.Sentence> tokens = Sentences.tokens(text, sentenceSpans);
        counts = Sentences.count(tokens);
        long ts = System.nanoTime();
        runs.add(new EnricherRun(SENTENCES, Sentences.VERSION, Duration.ofNanos(ts - t1)));
        t1 = ts;
        entities = EntityNormaliser.normalise(text, recognizer.recognize(text, tokens));
        long t2 = System.nanoTime();
        runs.add(new EnricherRun(ENTITIES, recognizer.name() + "/" + recognizer.version(), Duration.ofNanos(t2 - t1)));
        quotes = QuoteFinder.find(text, entities);
        long t3 = System.nanoTime();
        runs.add(new EnricherRun(QUOTES, PipelineVersion.CURRENT, Duration.ofNanos(t3 - t2)));
        phrases = KeyPhrases.top(text, KEY_PHRASE_COUNT);
        long t5 = System.nanoTime();
        runs.add(new EnricherRun(KEY_PHRASES, PipelineVersion.CURRENT, Duration.ofNanos(t5 - t3)));
        claims = KeyClaims.find(text, sentenceSpans, entities, quotes);
        runs.add(new EnricherRun(CLAIMS, PipelineVersion.CURRENT, Duration.ofNanos(System.nanoTime() - t5)));
      } else {
        runs.add(new EnricherRun(SENTENCES, Sentences.VERSION, Duration.ZERO, skipped));
        runs.add(new EnricherRun(ENTITIES, recognizer.name() + "/" + recognizer.version(), Duration.ZERO, skipped));
        runs.add(new EnricherRun(QUOTES, PipelineVersion.CURRENT, Duration.ZERO, skipped));
        runs.add(new EnricherRun(KEY_PHRASES, PipelineVersion.CURRENT, Duration.ZERO, skipped));
        runs.add(new EnricherRun(CLAIMS, PipelineVersion.CURRENT, Duration.ZERO, skipped));
      }
      long t4 = System.nanoTime();
      MinHasher.Signature signature = MinHasher.of(text);
      runs.add(new EnricherRun(MINHASH, MinHasher.VERSION, Duration.ofNanos(System.nanoTime() - t4)));
      DateResolver.Published published = dates.published();
      return Outcome.success(new Enrichment(e.schemaVersion(), e.pipelineVersion(), e.id(), e.revision(), e.sha256(),
          e.language(), e.languageConfidence(), e.wordCount(), runs, e.seenAt(), e.enrichedAt(), entities,
          published == null ? null : published.date().toString(), published == null ? null : published.source().code,
          dates.dates(), quotes, phrases, signature.values(), signature.bands(),
          counts == null ? null : counts.sentences(), counts == null ? null : counts.tokens(),
          e.titleLanguage(), e.titleLanguageConfidence(), claims));
    } catch (RuntimeException ex) {
      LOG.warn("Unexpected error in the NLP enrichment of document {} ({}); it is rejected as internal, report this"
          + " as a newsflow bug", document.id(), document.source().uri(), ex);
      return new Outcome.Rejected<>(FailureReason.INTERNAL, "unexpected " + ex, ex.getClass().getName());
    }
  }

  @Override
  public void close() {
    try {
      recognizer.close();
    } catch (Exception ex) {
      LOG.warn("Closing the entity recogniser {} failed", recognizer.name(), ex);
    }
  }
}
