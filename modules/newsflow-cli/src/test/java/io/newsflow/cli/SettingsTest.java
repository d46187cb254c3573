package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();

  @Test
  void theShippedLocalConfigurationLoads() {
    Settings s = Settings.load(ROOT.resolve("deploy/newsflow.properties"), Map.of(), Path.of("/data"));
    assertThat(s.stackMode()).isEqualTo(Settings.StackMode.LOCAL);
    assertThat(s.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(s.elasticsearch().urls()).containsExactly(URI.create("http://127.0.0.1:9200"));
    assertThat(s.inbox()).isEqualTo(Path.of("/data/inbox"));
  }

  @Test
  void theExternalClusterExampleLoadsWithTlsAndCredentialsAndHidesSecrets() {
    Settings s = Settings.load(ROOT.resolve("deploy/examples/external.properties"), Map.of(), Path.of("/data"));
    assertThat(s.stackMode()).isEqualTo(Settings.StackMode.EXTERNAL);
    assertThat(s.kafka().bootstrapServers()).isEqualTo("kafka-1.example.internal:9093,kafka-2.example.internal:9093");
    assertThat(s.kafka().clientProperties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(s.kafka().toString()).doesNotContain("change-me");
    assertThat(s.elasticsearch().urls()).hasSize(2);
    assertThat(s.elasticsearch().username()).isEqualTo("newsflow");
    assertThat(s.elasticsearch().toString()).doesNotContain("change-me");
    assertThat(s.describe().values()).noneMatch(v -> v.contains("change-me"));
  }

  @Test
  void environmentVariablesOverrideTheFile() {
    Settings s = Settings.load(ROOT.resolve("deploy/examples/external.properties"), Map.of(
        "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", "broker:19092",
        "NEWSFLOW_ELASTICSEARCH_BULK_FLUSH_INTERVAL", "2s",
        "NEWSFLOW_KAFKA_CLIENT_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "",
        "NEWSFLOW_DATA_DIR", "/ignored/not/a/setting"), Path.of("/data"));
    assertThat(s.kafka().bootstrapServers()).isEqualTo("broker:19092");
    assertThat(s.elasticsearch().bulkFlushInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.kafka().clientProperties()).containsEntry("ssl.endpoint.identification.algorithm", "");
  }

  @Test
  void extractionSettingsDefaultToExtractionConfigDefaultsAndParseUnits() {
    Settings defaults = Settings.load(null, Map.of(), Path.of("/data"));
    assertThat(defaults.extraction()).isEqualTo(io.newsflow.extract.ExtractionConfig.defaults());

    Settings s = Settings.load(null, Map.of("NEWSFLOW_EXTRACT_MAX_FILE_SIZE", "512KB",
        "NEWSFLOW_EXTRACT_TIMEOUT", "5s", "NEWSFLOW_EXTRACT_MAX_TEXT_CHARS", "1000"), Path.of("/data"));
    assertThat(s.extraction().maxFileSizeBytes()).isEqualTo(512 * 1024);
    assertThat(s.extraction().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.extraction().maxTextChars()).isEqualTo(1000);
  }

  @Test
  void isolationWorkersAndPasswordsAreReadAndPasswordsNeverShown() {
    Settings s = Settings.load(null, Map.of("NEWSFLOW_EXTRACT_ISOLATION", "in-process", "NEWSFLOW_EXTRACT_WORKERS", "3",
        "NEWSFLOW_EXTRACT_WORKER_HEAP", "1GB", "NEWSFLOW_EXTRACT_PASSWORDS", "s3cret, other-pw"), Path.of("/data"));
    assertThat(s.extraction().isolation()).isEqualTo(io.newsflow.extract.ExtractionConfig.Isolation.IN_PROCESS);
    assertThat(s.extraction().workers()).isEqualTo(3);
    assertThat(s.extraction().workerHeapBytes()).isEqualTo(1024L * 1024 * 1024);
    assertThat(s.extraction().passwords()).containsExactly("s3cret", "other-pw");
    assertThat(s.extraction().toString()).doesNotContain("s3cret");
    assertThat(s.describe().values()).noneMatch(v -> v.contains("s3cret"));
    assertThat(Settings.load(null, Map.of(), Path.of("/data")).extraction().isolation())
        .isEqualTo(io.newsflow.extract.ExtractionConfig.Isolation.FORK);
  }

  @Test
  void aPasswordsFileKeepsSpacesCommasAndUnicodeVerbatim(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("passwords.txt");
    String unicode = "  ! < > \" \\ \u20AC \u0153 \uD83D\uDE00  ";
    Files.writeString(file, "\uFEFFs3cret\r\n    \n\n" + unicode + "\nwith,comma\n", java.nio.charset.StandardCharsets.UTF_8);

    Settings s = Settings.load(null, Map.of("NEWSFLOW_EXTRACT_PASSWORDS", "first, s3cret",
        "NEWSFLOW_EXTRACT_PASSWORDS_FILE", file.toString()), Path.of("/data"));

    // The setting's passwords first, then the file's new ones in its order; the file's lines are not stripped.
    assertThat(s.extraction().passwords()).containsExactly("first", "s3cret", "    ", unicode, "with,comma");
    assertThat(s.extraction().toString()).doesNotContain("s3cret");
  }

  @Test
  void aMissingOrNonUtf8PasswordsFileFailsNamingTheSetting(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_EXTRACT_PASSWORDS_FILE", dir.resolve("none.txt").toString()),
        Path.of("/data"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extract.passwords-file").hasMessageContaining("none.txt");
    Path latin1 = dir.resolve("latin1.txt");
    Files.write(latin1, new byte[] {'p', (byte) 0xE9, '\n'});
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_EXTRACT_PASSWORDS_FILE", latin1.toString()),
        Path.of("/data"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not UTF-8");
  }

  @Test
  void aBadExtractionSettingFailsNamingIt() {
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_EXTRACT_ISOLATION", "thread"), Path.of("/data")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extract.isolation");
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_EXTRACT_MAX_FILE_SIZE", "lots"), Path.of("/data")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extract.max-file-size");
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_EXTRACT_TIMEOUT", "0s"), Path.of("/data")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extract.timeout");
  }

  @Test
  void ocrMacrosAndTrackedChangesAreOffByDefaultAndReadFromTheEnvironment() {
    io.newsflow.extract.ParserOptions defaults = Settings.load(null, Map.of(), Path.of("/data")).extraction().parsers();
    assertThat(defaults).isEqualTo(io.newsflow.extract.ParserOptions.defaults());
    assertThat(defaults.ocr()).isEqualTo(io.newsflow.extract.ParserOptions.Ocr.OFF);
    assertThat(defaults.macros()).isFalse();
    assertThat(defaults.trackedChanges()).isFalse();

    io.newsflow.extract.ParserOptions set = Settings.load(null, Map.of("NEWSFLOW_EXTRACT_OCR", "on",
        "NEWSFLOW_EXTRACT_OCR_LANGUAGE", "eng+deu", "NEWSFLOW_EXTRACT_MACROS", "true",
        "NEWSFLOW_EXTRACT_TRACKED_CHANGES", "true"), Path.of("/data"))
        .extraction().parsers();
    assertThat(set).isEqualTo(new io.newsflow.extract.ParserOptions(io.newsflow.extract.ParserOptions.Ocr.ON,
        "eng+deu", true, true));
  }

  @Test
  void aBadParserOptionFailsNamingIt() {
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_EXTRACT_OCR", "auto"), Path.of("/data")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extract.ocr");
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_EXTRACT_OCR_LANGUAGE", "english"), Path.of("/data")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extract.ocr-language");
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_EXTRACT_MACROS", "yes"), Path.of("/data")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extract.macros");
  }

  @Test
  void anUnknownKeyFailsNamingIt(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("bad.properties"), "kafka.partitons=3\n");
    assertThatThrownBy(() -> Settings.load(file, Map.of(), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka.partitons");
  }

  @Test
  void aBadValueFailsNamingTheKey() {
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_KAFKA_PARTITIONS", "many"), Path.of("/d")))
        .hasMessageContaining("kafka.partitions");
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_STACK_MODE", "cloud"), Path.of("/d")))
        .hasMessageContaining("stack.mode");
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_ELASTICSEARCH_BULK_FLUSH_INTERVAL", "soon"), Path.of("/d")))
        .hasMessageContaining("elasticsearch.bulk.flush-interval");
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_STACK_MODE", "external", "NEWSFLOW_ELASTICSEARCH_URLS", "es:9200"), Path.of("/d")))
        .hasMessageContaining("elasticsearch.urls");
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_ENRICH_ENTITIES", "spacy"), Path.of("/d")))
        .hasMessageContaining("enrich.entities");
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_ENRICH_MAX_CHARS", "0"), Path.of("/d")))
        .hasMessageContaining("enrich.max-chars");
  }

  @Test
  void anImportsParseWorkersRunAtNiceFourByDefaultAndTheValueMustBeANiceValue() {
    assertThat(Settings.load(null, Map.of(), Path.of("/d")).batchNice()).isEqualTo(4);
    assertThat(Settings.load(null, Map.of("NEWSFLOW_EXTRACT_BATCH_NICE", "0"), Path.of("/d")).batchNice()).isZero();
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_EXTRACT_BATCH_NICE", "20"), Path.of("/d")))
        .hasMessageContaining("extract.batch-nice").hasMessageContaining("0 to 19");
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_EXTRACT_BATCH_NICE", "-1"), Path.of("/d")))
        .hasMessageContaining("extract.batch-nice");
  }

  @Test
  void theBatchIndexLaneGathersForAQuarterSecondByDefaultAndAtMostFiveSeconds() {
    assertThat(Settings.load(null, Map.of(), Path.of("/d")).duration("index.batch-gather"))
        .isEqualTo(java.time.Duration.ofMillis(250));
    assertThat(Settings.load(null, Map.of("NEWSFLOW_INDEX_BATCH_GATHER", "0s"), Path.of("/d")).duration("index.batch-gather"))
        .isZero();
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_INDEX_BATCH_GATHER", "6s"), Path.of("/d")))
        .hasMessageContaining("index.batch-gather").hasMessageContaining("at most 5s");
    assertThatThrownBy(() -> Settings.load(null, Map.of("NEWSFLOW_INDEX_BATCH_GATHER", "soon"), Path.of("/d")))
        .hasMessageContaining("index.batch-gather");
  }

  @Test
  void theEntityRecogniserIsChosenByName() {
    assertThat(Settings.load(null, Map.of(), Path.of("/d")).entityRecognizer()).isEqualTo(Settings.EntityRecognizerKind.CORENLP);
    assertThat(Settings.load(null, Map.of("NEWSFLOW_ENRICH_ENTITIES", "none"), Path.of("/d")).entityRecognizer())
        .isEqualTo(Settings.EntityRecognizerKind.NONE);
  }
}
