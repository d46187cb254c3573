package io.newsflow.stack.internal;

import io.newsflow.stack.StackConfig;
import java.nio.file.Path;

/**
 * Names every file and directory the stack reads or writes, derived from a {@link StackConfig}.
 * Pure: creates nothing. Not part of the API.
 */
public record StackLayout(Path dataDir, Path artifactsDir) {

  /** The Elasticsearch version whose Maven Central zip the distribution carries. */
  public static final String ELASTICSEARCH_VERSION = "8.19.21";

  public static StackLayout of(StackConfig config) {
    return new StackLayout(config.dataDir(), config.artifactsDir());
  }

  // Artifacts, laid out by the CLI module's build.

  public Path elasticsearchZip() {
    return artifactsDir.resolve("elasticsearch-" + ELASTICSEARCH_VERSION + ".zip");
  }

  public Path kafkaClassPathDir() {
    return artifactsDir.resolve("kafka");
  }

  // State in the data dir.

  public Path lockFile() {
    return dataDir.resolve("stack.lock");
  }

  public Path logsDir() {
    return dataDir.resolve("logs");
  }

  public Path kafkaLog() {
    return logsDir().resolve("kafka.log");
  }

  public Path elasticsearchLog() {
    return logsDir().resolve("elasticsearch.log");
  }

  public Path pluginInstallLog() {
    return logsDir().resolve("elasticsearch-plugin.log");
  }

  public Path kafkaPidFile() {
    return dataDir.resolve("kafka.pid");
  }

  public Path elasticsearchPidFile() {
    return dataDir.resolve("elasticsearch.pid");
  }

  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  public Path kafkaProperties() {
    return kafkaDir().resolve("server.properties");
  }

  public Path kafkaLogDir() {
    return kafkaDir().resolve("data");
  }

  public Path kafkaClusterIdFile() {
    return kafkaDir().resolve("cluster.id");
  }

  /** The unpacked distribution; its name carries the version so an upgrade unpacks afresh. */
  public Path elasticsearchHome() {
    return dataDir.resolve("elasticsearch-" + ELASTICSEARCH_VERSION);
  }

  /** Written last when unpacking, so a directory without it is an interrupted unpack. */
  public Path elasticsearchProvisionedMarker() {
    return elasticsearchHome().resolve(".newsflow-provisioned");
  }

  /** One file per installed plugin holding the SHA-256 of the zip it came from. */
  public Path elasticsearchPluginMarkers() {
    return elasticsearchHome().resolve(".newsflow-plugins");
  }

  public Path elasticsearchConfigDir() {
    return elasticsearchHome().resolve("config");
  }

  /** Data, logs and temp files live outside the install so that re-provisioning keeps the indices. */
  public Path elasticsearchStateDir() {
    return dataDir.resolve("elasticsearch");
  }

  public Path elasticsearchDataDir() {
    return elasticsearchStateDir().resolve("data");
  }

  public Path elasticsearchLogsDir() {
    return elasticsearchStateDir().resolve("logs");
  }

  public Path elasticsearchTmpDir() {
    return elasticsearchStateDir().resolve("tmp");
  }
}
