package io.newsflow.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.api.Enricher;
import io.newsflow.api.Enrichment;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Extractor;
import io.newsflow.api.IndexOperation;
import io.newsflow.api.IndexResult;
import io.newsflow.api.Json;
import io.newsflow.api.SourceFile;
import io.newsflow.api.Stage;
import io.newsflow.elasticsearch.ArticleIndex;
import io.newsflow.elasticsearch.ArticleSearch;
import io.newsflow.elasticsearch.DocumentIndexer;
import io.newsflow.elasticsearch.ElasticsearchClients;
import io.newsflow.elasticsearch.ElasticsearchConfig;
import io.newsflow.elasticsearch.StoryAssigner;
import io.newsflow.enrich.BasicEnricher;
import io.newsflow.enrich.EntityRecognizer;
import io.newsflow.enrich.NlpEnricher;
import io.newsflow.enrich.corenlp.CoreNlpRecognizer;
import io.newsflow.extract.TikaExtractor;
import io.newsflow.ingest.InboxWatcher;
import io.newsflow.ingest.IndexedState;
import io.newsflow.ingest.Importer;
import io.newsflow.ingest.MeteredExtractor;
import io.newsflow.kafka.DocumentPublisher;
import io.newsflow.kafka.KafkaClients;
import io.newsflow.kafka.KafkaConfig;
import io.newsflow.kafka.Lane;
import io.newsflow.kafka.StageRunner;
import io.newsflow.kafka.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires newsflow's components to one Kafka and one Elasticsearch: clients, topics, the article index,
 * and, on request, the running stages. Closing it stops the stages and closes everything it opened,
 * in reverse order.
 */
final class Pipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final Settings settings;
  private final MeterRegistry meters;
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private final List<Thread> threads = new ArrayList<>();
  private final KafkaConfig kafka;
  private final ElasticsearchConfig elasticsearch;
  private Admin admin;
  private KafkaProducer<String, byte[]> producer;
  private DocumentPublisher publisher;
  private ElasticsearchClient esClient;
  private ArticleSearch search;
  private Importer importer;

  Pipeline(Settings settings, MeterRegistry meters) {
    this.settings = settings;
    this.meters = meters;
    this.kafka = settings.kafka();
    this.elasticsearch = settings.elasticsearch();
  }

  KafkaConfig kafkaConfig() {
    return kafka;
  }

  ElasticsearchConfig elasticsearchConfig() {
    return elasticsearch;
  }

  /** Creates the topics and the article index if missing. */
  Pipeline prepare() {
    Topics.ensure(admin(), kafka);
    ArticleIndex.ensure(esClient(), elasticsearch);
    return this;
  }

  /**
   * Creates the article index if missing now, and the topics only when the first document is
   * published: a re-import where nothing changed then starts neither a Kafka admin client nor a
   * producer (both together cost about a third of such a run's CPU time: some 1,400 classes, their
   * network threads and metadata round trips).
   */
  Pipeline prepareLazily() {
    ArticleIndex.ensure(esClient(), elasticsearch);
    topicsPending = true;
    return this;
  }

  private boolean topicsPending;

  synchronized Admin admin() {
    if (admin == null) {
      admin = remember(KafkaClients.admin(kafka));
    }
    return admin;
  }

  synchronized DocumentPublisher publisher() {
    if (publisher == null) {
      if (topicsPending) {
        // Before the producer exists: a broker that auto-creates topics would make them with its defaults.
        Topics.ensure(admin(), kafka);
        topicsPending = false;
      }
      producer = remember(KafkaClients.producer(kafka, "newsflow-producer"));
      publisher = new DocumentPublisher(producer, kafka);
    }
    return publisher;
  }

  /** Returns the shared producer (owned by this pipeline). */
  synchronized KafkaProducer<String, byte[]> producer() {
    publisher();
    return producer;
  }

  synchronized ElasticsearchClient esClient() {
    if (esClient == null) {
      ElasticsearchClient client = ElasticsearchClients.create(elasticsearch);
      remember(client._transport());
      esClient = client;
    }
    return esClient;
  }

  synchronized ArticleSearch search() {
    if (search == null) {
      search = new ArticleSearch(esClient(), elasticsearch);
    }
    return search;
  }

  /**
   * Creates the enricher {@code settings} ask for; the caller closes it. The CoreNLP model is loaded
   * once per JVM and shared by every enricher created here.
   */
  static Enricher enricher(Settings settings) {
    EntityRecognizer recognizer = switch (settings.entityRecognizer()) {
      case CORENLP -> CoreNlpRecognizer.shared();
      case NONE -> EntityRecognizer.NONE;
    };
    return new NlpEnricher(new BasicEnricher(), recognizer, settings.integer("enrich.max-chars"));
  }

  private TikaExtractor tika;
  private boolean batch;

  /**
   * Marks this pipeline as an import's (the batch lane): its parse workers run at the lower CPU
   * priority {@code extract.batch-nice}, so that the live lane and the stack go first on a shared
   * host. Call before the first file is extracted.
   */
  synchronized Pipeline batch() {
    if (tika != null) {
      throw new IllegalStateException("batch() after the extractor was made");
    }
    batch = true;
    return this;
  }

  private synchronized TikaExtractor tika() {
    if (tika == null) {
      tika = remember(new TikaExtractor(settings.extraction(), batch ? settings.batchNice() : 0));
    }
    return tika;
  }

  /** Returns the ingest stage's importer, sharing this pipeline's producer. */
  synchronized Importer importer() {
    if (importer == null) {
      // Created on first use: loading Tika's parsers takes seconds, and a re-import where nothing
      // changed never extracts anything. Every file's outcome is counted per reason in the meters.
      Extractor extractor = new MeteredExtractor(file -> tika().extractAll(file), meters);
      IndexedState indexed = new IndexedState() {
        @Override
        public Map<io.newsflow.api.DocumentId, IndexedState.Known> lookup(List<io.newsflow.api.DocumentId> ids) {
          Map<io.newsflow.api.DocumentId, IndexedState.Known> known = new HashMap<>();
          search().states(ids).forEach((id, s) -> known.put(id, new IndexedState.Known(s.revision(), s.size())));
          return known;
        }

        @Override
        public Map<String, io.newsflow.api.DocumentId> withContent(List<String> sha256s) {
          return search().idsWithContent(sha256s);
        }
      };
      importer = remember(new Importer(extractor, this::publisher, indexed, settings.integer("ingest.threads")));
    }
    return importer;
  }

  /**
   * Wraps the indexer to time each document from the moment it was first seen to the moment
   * Elasticsearch acknowledged it: {@code newsflow.index.latency{stage=index}}, a histogram, so
   * Prometheus can give p50/p95/p99 across processes.
   */
  private io.newsflow.api.BatchStage<IndexOperation, IndexResult> withLatency(DocumentIndexer indexer) {
    io.micrometer.core.instrument.Timer latency = io.micrometer.core.instrument.Timer.builder("newsflow.index.latency")
        .tag("stage", "index").description("file first seen to searchable")
        .publishPercentileHistogram().register(meters);
    return operations -> {
      List<io.newsflow.api.Outcome<IndexResult>> outcomes = indexer.apply(operations);
      Instant now = Instant.now();
      for (int i = 0; i < outcomes.size(); i++) {
        if (operations.get(i) instanceof IndexOperation.Extracted e && e.document().seenAt() != null
            && outcomes.get(i) instanceof io.newsflow.api.Outcome.Success<IndexResult> s && s.value() == IndexResult.INDEXED) {
          latency.record(java.time.Duration.between(e.document().seenAt(), now));
        }
      }
      return outcomes;
    };
  }

  /** Starts the given stages on background threads. */
  Pipeline startStages(Set<Stage> stages) throws IOException {
    // Each lane gets its own runners and consumer groups: a backfill's backlog never queues live traffic. The lanes share
    // one enricher: a second CoreNLP model in memory would buy nothing.
    // One indexer (bulk ingester) per lane: a live document never queues behind a backfill's bulk requests, and the live
    // lane refreshes the index after each write, so an upload is searchable when it is indexed, not up to 1 s later.
    Map<Lane, DocumentIndexer> indexers = new HashMap<>();
    if (stages.contains(Stage.INDEX)) {
      for (Lane lane : Lane.values()) {
        indexers.put(lane, remember(new DocumentIndexer(esClient(), elasticsearch, lane == Lane.LIVE)));
      }
    }
    Enricher enricher = stages.contains(Stage.ENRICH) ? remember(enricher(settings)) : null;
    // Batch enrichment yields the CPU to a running import (seen as its topic growing, whichever process imports); the
    // live lane never waits.
    java.time.Duration yield = settings.duration("enrich.batch-yield");
    io.newsflow.kafka.TopicActivity importing = stages.contains(Stage.ENRICH) && !yield.isZero()
        ? io.newsflow.kafka.TopicActivity.of(admin(), kafka.extractedTopic(Lane.BATCH), yield) : null;
    for (Lane lane : Lane.values()) {
      String suffix = lane == Lane.LIVE ? "" : "-batch";
      if (stages.contains(Stage.INDEX)) {
        for (int i = 0; i < settings.integer("index.workers"); i++) {
          StageRunner<IndexOperation, IndexResult> runner = StageRunner.<IndexOperation, IndexResult>builder()
              .stage(Stage.INDEX)
              .consumer(KafkaClients.consumer(kafka, kafka.indexGroup(lane), "newsflow-index" + suffix + "-" + i, 500,
                  lane == Lane.BATCH ? settings.duration("index.batch-gather") : java.time.Duration.ZERO))
              .topics(List.of(kafka.extractedTopic(lane), kafka.enrichmentsTopic(lane)))
              .decoder(this::decodeIndexOperation)
              .batchStage(withLatency(indexers.get(lane)))
              .subjectOf(op -> op instanceof IndexOperation.Extracted e
                  ? new StageRunner.Subject(e.id(), e.document().source().uri(), e.revision(), e.document().jobId())
                  : new StageRunner.Subject(op.id(), null, op.revision(), null))
              .deadLetters(publisher())
              .meters(meters)
              .build();
          startThread("newsflow-index" + suffix + "-" + i, runner);
        }
      }
      if (stages.contains(Stage.ENRICH)) {
        for (int i = 0; i < settings.integer("enrich.workers"); i++) {
          StageRunner<ExtractedDocument, Enrichment> runner = StageRunner.<ExtractedDocument, Enrichment>builder()
              .stage(Stage.ENRICH)
              .consumer(KafkaClients.consumer(kafka, kafka.enrichGroup(lane), "newsflow-enrich" + suffix + "-" + i, 50))
              .topics(List.of(kafka.extractedTopic(lane)))
              .decoder((topic, value) -> Json.decode(value, ExtractedDocument.class))
              .batchStage(docs -> docs.stream().map(enricher::enrich).toList())
              .output(enrichment -> publisher().publish(enrichment, lane))
              .subjectOf(d -> new StageRunner.Subject(d.id(), d.source().uri(), d.revision(), d.jobId()))
              .deadLetters(publisher())
              .meters(meters)
              .yieldWhile(lane == Lane.BATCH ? importing : null)
              .build();
          startThread("newsflow-enrich" + suffix + "-" + i, runner);
        }
      }
    }
    if (stages.contains(Stage.STORY)) {
      // One runner, whatever enrich.workers says: the single partition admits one consumer anyway.
      Topics.requireSingleStoriesPartition(admin(), kafka);
      StageRunner<Enrichment, String> runner = StageRunner.<Enrichment, String>builder()
          .stage(Stage.STORY)
          .consumer(KafkaClients.consumer(kafka, kafka.storyGroup(), "newsflow-story", 200))
          .topics(List.of(kafka.storiesTopic()))
          .decoder((topic, value) -> Json.decode(value, Enrichment.class))
          .batchStage(new StoryAssigner(esClient(), elasticsearch))
          .subjectOf(e -> new StageRunner.Subject(e.id(), null, e.revision(), null))
          .deadLetters(publisher())
          .meters(meters)
          .build();
      startThread("newsflow-story", runner);
    }
    if (stages.contains(Stage.INGEST)) {
      Importer importer = importer();
      Path inbox = settings.inbox();
      InboxWatcher watcher = new InboxWatcher(inbox, settings.duration("ingest.settle-time"), file -> {
        try {
          var attrs = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
          importer.ingest(new SourceFile(file.toUri(), file, attrs.size(), attrs.lastModifiedTime().toInstant(), Instant.now(), null))
              .whenComplete((r, e) -> {
                if (e != null) {
                  LOG.error("ingest: could not publish {} to Kafka: {}", file, e.getMessage());
                }
              });
        } catch (IOException e) {
          LOG.warn("ingest: {} vanished before it could be read", file);
        }
      });
      LOG.info("watching inbox {}", inbox);
      startThread("newsflow-inbox", watcher);
      warmUpExtraction();
    }
    return this;
  }

  /** Serves the dashboard, API and metrics on {@code dashboard.host:port} until this pipeline closes. */
  void serveDashboard(Environment env, io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry) {
    DashboardWiring backend = remember(new DashboardWiring(env, settings, this, registry));
    backend.sampleLagEvery(java.time.Duration.ofSeconds(10));
    io.newsflow.dashboard.DashboardServer server = remember(io.newsflow.dashboard.DashboardServer.start(settings.dashboard(), backend));
    System.out.println("dashboard      " + server.url());
  }

  private IndexOperation decodeIndexOperation(String topic, byte[] value) {
    if (topic.equals(kafka.extractedTopic()) || topic.equals(kafka.extractedTopic(Lane.BATCH))) {
      return new IndexOperation.Extracted(Json.decode(value, ExtractedDocument.class));
    }
    return new IndexOperation.Enriched(Json.decode(value, Enrichment.class));
  }

  /**
   * Loads Tika and starts its parse workers in the background, one small parse per worker, so that the first file dropped
   * into the inbox or uploaded does not wait for worker JVMs to start (measured: a first live upload took 24 s under a
   * running backfill, the next ones about 3 s). Only for the long-running ingest stage; a one-off import stays lazy.
   */
  private void warmUpExtraction() {
    Thread warm = new Thread(() -> {
      Path file = null;
      try {
        file = Files.createTempFile("newsflow-warm-up", ".txt");
        Files.writeString(file, "newsflow warm-up: starts the parse workers before the first real file.\n");
        var attrs = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        SourceFile source = new SourceFile(file.toUri(), file, attrs.size(), attrs.lastModifiedTime().toInstant(),
            Instant.now(), null);
        int workers = Math.max(1, settings.extraction().workers());
        List<Thread> parses = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
          Thread t = new Thread(() -> tika().extractAll(source), "newsflow-warm-up-" + i);
          t.setDaemon(true);
          t.start();
          parses.add(t);
        }
        for (Thread t : parses) {
          t.join();
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("extraction warm-up failed (the first file will start the workers instead): {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        if (file != null) {
          try {
            Files.deleteIfExists(file);
          } catch (IOException ignored) {
            // a temporary file of a few bytes
          }
        }
      }
    }, "newsflow-warm-up");
    warm.setDaemon(true);
    warm.start();
  }

  private <T extends Runnable & AutoCloseable> void startThread(String name, T task) {
    remember(task);
    Thread thread = new Thread(task, name);
    thread.setUncaughtExceptionHandler((t, e) -> LOG.error("{} died: {}", t.getName(), e.getMessage(), e));
    thread.start();
    threads.add(thread);
  }

  private <T extends AutoCloseable> T remember(T closeable) {
    closeables.push(closeable);
    return closeable;
  }

  /** Tells whether every stage thread is still running. */
  boolean stagesAlive() {
    return threads.stream().allMatch(Thread::isAlive);
  }

  @Override
  public void close() {
    while (!closeables.isEmpty()) {
      AutoCloseable c = closeables.pop();
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
