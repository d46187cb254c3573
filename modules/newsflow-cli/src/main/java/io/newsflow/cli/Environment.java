package io.newsflow.cli;

import io.newsflow.stack.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds where things are: the checkout (system property {@code newsflow.root}, set by the launcher;
 * else the working directory), the data folder ({@code NEWSFLOW_DATA_DIR}, else {@code .newsflow/} in
 * the checkout), the configuration file ({@code --config}, else {@code NEWSFLOW_CONFIG}, else
 * {@code deploy/newsflow.properties} in the checkout if present) and the distribution with the stack's
 * artifacts (system property {@code newsflow.home}).
 */
final class Environment {

  final Path root;
  final Path dataDir;
  final Path configFile;
  final Path distribution;
  final Map<String, String> env;

  Environment(Path configOption, Map<String, String> env) {
    this.env = env;
    this.root = Path.of(System.getProperty("newsflow.root", ".")).toAbsolutePath().normalize();
    String data = env.getOrDefault("NEWSFLOW_DATA_DIR", System.getProperty("newsflow.data-dir"));
    this.dataDir = (data == null || data.isBlank() ? root.resolve(".newsflow") : Path.of(data)).toAbsolutePath().normalize();
    Path config = configOption;
    if (config == null && env.get("NEWSFLOW_CONFIG") != null && !env.get("NEWSFLOW_CONFIG").isBlank()) {
      config = Path.of(env.get("NEWSFLOW_CONFIG"));
    }
    if (config == null && Files.isRegularFile(root.resolve("deploy/newsflow.properties"))) {
      config = root.resolve("deploy/newsflow.properties");
    }
    if (config != null && !Files.isRegularFile(config)) {
      throw new IllegalArgumentException("configuration file not found: " + config);
    }
    this.configFile = config;
    this.distribution = Path.of(System.getProperty("newsflow.home", root.resolve("modules/newsflow-cli/target/newsflow").toString()))
        .toAbsolutePath().normalize();
  }

  Settings settings() {
    return Settings.load(configFile, env, dataDir);
  }

  StackConfig stackConfig(Settings s) {
    return new StackConfig(dataDir, distribution.resolve("stack"),
        s.integer("stack.kafka.port"), s.integer("stack.kafka.controller-port"),
        s.integer("stack.elasticsearch.port"), s.integer("stack.elasticsearch.transport-port"),
        s.get("stack.kafka.heap"), s.get("stack.elasticsearch.heap"), s.duration("stack.start-timeout"),
        StackConfig.Jit.parse(StackConfig.JIT, s.get(StackConfig.JIT)));
  }

  Path pidFile() {
    return dataDir.resolve("newsflow.pid");
  }

  Path readyFile() {
    return dataDir.resolve("newsflow.ready");
  }

  Path demoArticles() {
    return root.resolve("deploy/demo/articles");
  }
}
