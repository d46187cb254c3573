package io.newsflow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.transport.BackoffPolicy;
import io.newsflow.api.BatchStage;
import io.newsflow.api.DocumentId;
import io.newsflow.api.FailureReason;
import io.newsflow.api.IndexOperation;
import io.newsflow.api.IndexResult;
import io.newsflow.api.Outcome;
import io.newsflow.elasticsearch.internal.IndexPlanner;
import io.newsflow.elasticsearch.internal.IndexPlanner.Action;
import io.newsflow.elasticsearch.internal.IndexPlanner.Current;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes extracted documents and enrichments to the article index through one {@link BulkIngester}.
 * Every write is conditional: on the sequence number read just before (see {@link IndexPlanner}), or, for an
 * extracted document written without a read first, on its absence (a create), so several indexer processes,
 * redeliveries and re-imports can interleave without a stale version or a lost enrichment; a conflicting write
 * is planned again from a fresh read.
 *
 * <p>Thread-safe: several stage runners may share one instance. Owns the ingester, not the client.
 */
public final class DocumentIndexer implements BatchStage<IndexOperation, IndexResult>, AutoCloseable {

  /** Conflicts mean another writer got there first; after this many re-plans something is wrong. */
  private static final int MAX_CONFLICT_ROUNDS = 10;

  private final ElasticsearchClient client;
  private final ElasticsearchConfig config;
  private final BulkIngester<CompletableFuture<BulkResponseItem>> ingester;
  private final boolean refreshAfterWrite;
  private final java.util.concurrent.atomic.AtomicBoolean refreshPending = new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.ExecutorService refresher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "newsflow-index-refresh");
    t.setDaemon(true);
    return t;
  });

  public DocumentIndexer(ElasticsearchClient client, ElasticsearchConfig config) {
    this(client, config, false);
  }

  /**
   * Creates an indexer; with {@code refreshAfterWrite} every batch that wrote a document (not only an
   * enrichment) asks for a refresh of the index, so its documents become searchable as soon as Elasticsearch has refreshed
   * rather than at the next tick of the index's refresh interval (1 s): for the live lane, whose
   * volume is small and whose latency counts.
   */
  public DocumentIndexer(ElasticsearchClient client, ElasticsearchConfig config, boolean refreshAfterWrite) {
    this.client = client;
    this.config = config;
    this.refreshAfterWrite = refreshAfterWrite;
    this.ingester = BulkIngester.of(b -> b
        .client(client)
        .maxOperations(config.bulkMaxOperations())
        // The batch lane keeps one bulk request in flight: on a small node (two write threads on two cores) a second
        // one would take the write thread the live lane's small bulks need (live p99 3.5-3.7 s with two, 1.8-2.7 s
        // with one, import throughput within the runs' spread; README, Benchmark).
        .maxConcurrentRequests(refreshAfterWrite ? 2 : 1)
        .flushInterval(config.bulkFlushInterval().toMillis(), TimeUnit.MILLISECONDS)
        // The ingester retries 429 (too many requests) items itself with this backoff.
        .backoffPolicy(BackoffPolicy.exponentialBackoff(100L, 6))
        .listener(new CompletingListener()));
  }

  /**
   * Applies {@code operations}. When Elasticsearch cannot be reached or fails a whole request, every
   * operation not yet applied is {@link Outcome.Retryable}: the runner backs off and tries again, and
   * re-applying what did get through is harmless (it plans as unchanged).
   */
  @Override
  public List<Outcome<IndexResult>> apply(List<IndexOperation> operations) {
    @SuppressWarnings("unchecked")
    Outcome<IndexResult>[] outcomes = new Outcome[operations.size()];
    try {
      // Only a new document (or revision) waits to be searchable; its enrichment, a partial update, becomes visible
      // with the index's periodic refresh. On an index a backfill writes to, every forced refresh also writes the
      // backfill's buffered documents out as a small segment, which merges then have to rewrite.
      if (applyInto(operations, outcomes) && refreshAfterWrite
          && operations.stream().anyMatch(op -> op instanceof IndexOperation.Extracted)) {
        refresh();
      }
    } catch (Unavailable e) {
      for (int i = 0; i < outcomes.length; i++) {
        if (outcomes[i] == null) {
          outcomes[i] = new Outcome.Retryable<>(e.getMessage(), e.getCause());
        }
      }
    }
    return List.of(outcomes);
  }

  /** Elasticsearch could not be reached, or failed a whole request: a transient cause. */
  private static final class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Asks for a refresh without waiting for it: on an index a backfill writes to, a refresh writes
   * the backfill's buffered documents too and can take a while, which must not hold up the next live
   * document. At most one refresh runs and one waits; further requests join the waiting one. A
   * failure only means the documents become searchable at the next periodic refresh.
   */
  private void refresh() {
    if (!refreshPending.compareAndSet(false, true)) {
      return;
    }
    refresher.execute(() -> {
      refreshPending.set(false);
      try {
        client.indices().refresh(r -> r.index(config.indexAlias()));
      } catch (java.io.IOException | RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(DocumentIndexer.class).debug("refresh after a write failed: {}", e.toString());
      }
    });
  }

  /** Returns whether anything was sent to Elasticsearch. */
  private boolean applyInto(List<IndexOperation> operations, Outcome<IndexResult>[] outcomes) {
    boolean wrote = false;
    // Operations on one document are applied in order, one round each; different documents go together.
    Map<DocumentId, Deque<Integer>> queues = new LinkedHashMap<>();
    for (int i = 0; i < operations.size(); i++) {
      queues.computeIfAbsent(operations.get(i).id(), k -> new ArrayDeque<>()).add(i);
    }
    int conflictRounds = 0;
    // An extracted document is first written as a create without reading: most are new (an import publishes only new and
    // changed files), and a create fails with a conflict if the document exists after all, which reads and plans it
    // like any conflict. So a backfill's bulks go without a multi-get each. Each operation is tried so once.
    Set<Integer> createdUnread = new HashSet<>();
    while (!queues.isEmpty()) {
      List<Integer> heads = new ArrayList<>();
      queues.values().forEach(q -> heads.add(q.peek()));
      List<Current> currents = new ArrayList<>(heads.size());
      List<Integer> toRead = new ArrayList<>();
      Set<Integer> unread = new HashSet<>();
      for (int k = 0; k < heads.size(); k++) {
        int i = heads.get(k);
        currents.add(Current.ABSENT);
        if (operations.get(i) instanceof IndexOperation.Extracted && createdUnread.add(i)) {
          unread.add(i);
        } else {
          toRead.add(k);
        }
      }
      if (!toRead.isEmpty()) {
        List<Current> read = read(toRead.stream().map(k -> operations.get(heads.get(k)).id()).toList());
        for (int r = 0; r < toRead.size(); r++) {
          currents.set(toRead.get(r), read.get(r));
        }
      }
      Instant now = Instant.now();
      List<Integer> written = new ArrayList<>();
      List<CompletableFuture<BulkResponseItem>> responses = new ArrayList<>();
      List<Action> actions = new ArrayList<>();
      for (int k = 0; k < heads.size(); k++) {
        int i = heads.get(k);
        Action action = IndexPlanner.plan(currents.get(k), operations.get(i), now);
        if (action instanceof IndexPlanner.Skip skip) {
          outcomes[i] = Outcome.success(skip.result());
          done(queues, operations.get(i).id());
        } else {
          CompletableFuture<BulkResponseItem> response = new CompletableFuture<>();
          ingester.add(toBulk(operations.get(i), action), response);
          written.add(i);
          responses.add(response);
          actions.add(action);
        }
      }
      if (!written.isEmpty()) {
        wrote = true;
        ingester.flush();
      }
      boolean conflicts = false;
      for (int k = 0; k < written.size(); k++) {
        int i = written.get(k);
        DocumentId id = operations.get(i).id();
        BulkResponseItem item = await(responses.get(k));
        if (item.error() == null) {
          outcomes[i] = Outcome.success(actions.get(k).result());
          done(queues, id);
        } else if (item.status() == 409) {
          // Someone wrote in between, or a create unread found the document: read again and re-plan this operation.
          // The latter is no conflict between writers and does not count towards the limit.
          conflicts |= !unread.contains(i);
        } else if (isRetryable(item.status())) {
          // Keep this document's order: its later operations wait for the retry too.
          for (int j : queues.remove(id)) {
            outcomes[j] = new Outcome.Retryable<>("Elasticsearch answered " + item.status() + ": " + item.error().reason(), null);
          }
        } else {
          outcomes[i] = new Outcome.Rejected<>(FailureReason.REJECTED_BY_INDEX,
              "Elasticsearch refused the document (" + item.status() + " " + item.error().type() + "): " + item.error().reason(),
              item.error().type());
          done(queues, id);
        }
      }
      if (conflicts && ++conflictRounds > MAX_CONFLICT_ROUNDS) {
        for (Deque<Integer> queue : queues.values()) {
          for (int j : queue) {
            outcomes[j] = new Outcome.Retryable<>("document keeps changing under us: " + MAX_CONFLICT_ROUNDS + " conflicts in a row", null);
          }
        }
        queues.clear();
      }
    }
    return wrote;
  }

  /**
   * Tells whether a failed bulk item is worth retrying: 429 (the cluster is shedding load; the
   * ingester already backed off) and 5xx (a shard is unavailable, a node is restarting). Everything
   * else is the document's own fault.
   */
  static boolean isRetryable(int status) {
    return status == 429 || status >= 500;
  }

  private static void done(Map<DocumentId, Deque<Integer>> queues, DocumentId id) {
    Deque<Integer> queue = queues.get(id);
    queue.poll();
    if (queue.isEmpty()) {
      queues.remove(id);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<Current> read(List<DocumentId> ids) {
    MgetResponse<Map> response;
    try {
      response = client.mget(m -> m
          .index(config.indexAlias())
          .ids(ids.stream().map(DocumentId::value).toList())
          .sourceIncludes("revision", "source.sha256", "enrichment", "story"), Map.class);
    } catch (IOException e) {
      throw new Unavailable("cannot read current documents from Elasticsearch: " + e.getMessage(), e);
    } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
      // A multi-get of ids cannot fail because of a document: the index or the cluster is the problem.
      throw new Unavailable("Elasticsearch refused to read current documents: " + e.getMessage(), e);
    }
    List<Current> currents = new ArrayList<>(ids.size());
    for (MultiGetResponseItem<Map> item : response.docs()) {
      if (item.isFailure()) {
        throw new Unavailable("Elasticsearch could not read document " + item.failure().id() + ": " + item.failure().error().reason(), null);
      }
      GetResult<Map> result = item.result();
      if (!result.found()) {
        currents.add(Current.ABSENT);
        continue;
      }
      Map<String, Object> source = result.source();
      Object revision = source.get("revision");
      Object sha = source.get("source") instanceof Map s ? s.get("sha256") : null;
      currents.add(new Current(true,
          revision instanceof Number n ? n.longValue() : null,
          sha == null ? null : sha.toString(),
          source.get("enrichment") instanceof Map e ? e : null,
          result.seqNo(), result.primaryTerm(),
          source.get("story") instanceof Map st ? st : null));
    }
    return currents;
  }

  private BulkOperation toBulk(IndexOperation operation, Action action) {
    String index = config.indexAlias();
    DocumentId id = operation.id();
    if (action instanceof IndexPlanner.Write w) {
      Map<String, Object> document = w.document();
      if (w.create()) {
        return BulkOperation.of(b -> b.create(c -> c.index(index).id(id.value()).document(document)));
      }
      return BulkOperation.of(b -> b.index(c -> c.index(index).id(id.value()).document(document)
          .ifSeqNo(w.seqNo()).ifPrimaryTerm(w.primaryTerm())));
    }
    IndexPlanner.Update u = (IndexPlanner.Update) action;
    return BulkOperation.of(b -> b.update(c -> c.index(index).id(id.value())
        .ifSeqNo(u.seqNo()).ifPrimaryTerm(u.primaryTerm())
        .action(a -> a.doc(u.partial()))));
  }

  private static BulkResponseItem await(CompletableFuture<BulkResponseItem> response) {
    try {
      return response.get(5, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw new Unavailable("bulk request to Elasticsearch failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new Unavailable("no answer from Elasticsearch to a bulk request within 5 minutes", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Elasticsearch", e);
    }
  }

  /** Flushes pending operations and stops the ingester. Does not close the client. */
  @Override
  public void close() {
    ingester.close();
    refresher.shutdownNow();
  }

  /** Completes each operation's future with its own response item: a bulk can succeed while items fail. */
  private static final class CompletingListener implements BulkListener<CompletableFuture<BulkResponseItem>> {
    @Override
    public void beforeBulk(long executionId, BulkRequest request, List<CompletableFuture<BulkResponseItem>> contexts) {}

    @Override
    public void afterBulk(long executionId, BulkRequest request, List<CompletableFuture<BulkResponseItem>> contexts, BulkResponse response) {
      List<BulkResponseItem> items = response.items();
      for (int i = 0; i < contexts.size(); i++) {
        contexts.get(i).complete(items.get(i));
      }
    }

    @Override
    public void afterBulk(long executionId, BulkRequest request, List<CompletableFuture<BulkResponseItem>> contexts, Throwable failure) {
      contexts.forEach(c -> c.completeExceptionally(failure));
    }
  }
}
