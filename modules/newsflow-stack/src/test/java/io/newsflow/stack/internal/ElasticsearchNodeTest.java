package io.newsflow.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.stack.StackConfig;
import io.newsflow.stack.StackException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchNodeTest {

  @TempDir
  Path temp;

  private StackConfig config() {
    return StackConfig.defaults(temp.resolve("data"), temp.resolve("stack")).withPorts(19092, 19093, 19200, 19300);
  }

  @Test
  void theNodeIsASingleInsecureNodeOnLoopbackWithStateInTheDataDir() {
    Map<String, String> settings = ElasticsearchNode.settings(config(), StackLayout.of(config()));
    assertThat(settings)
        .containsEntry("cluster.name", "newsflow-local")
        .containsEntry("network.host", "127.0.0.1")
        .containsEntry("http.port", "19200")
        .containsEntry("transport.port", "19300")
        .containsEntry("discovery.type", "single-node")
        .containsEntry("xpack.security.enabled", "false")
        .containsEntry("path.data", temp.resolve("data/elasticsearch/data").toString())
        .containsEntry("path.logs", temp.resolve("data/elasticsearch/logs").toString())
        .containsEntry("cluster.routing.allocation.disk.threshold_enabled", "false")
        .containsKey("node.name");
  }

  @Test
  void theYamlQuotesEveryValue() {
    String yaml = ElasticsearchNode.renderYaml(Map.of("path.data", "/tmp/a \"quoted\" dir"));
    assertThat(yaml).endsWith("path.data: \"/tmp/a \\\"quoted\\\" dir\"\n");
  }

  @Test
  void theHeapIsFixed() {
    assertThat(ElasticsearchNode.jvmOptions(config().withHeaps("512m", "1g"))).contains("-Xms1g\n-Xmx1g\n");
  }

  @Test
  void theJitModeReachesTheJvmOptions() {
    assertThat(ElasticsearchNode.jvmOptions(config())).endsWith("-XX:TieredStopAtLevel=1\n");
    assertThat(ElasticsearchNode.jvmOptions(config().withJit(StackConfig.Jit.TIERED))).doesNotContain("TieredStopAtLevel");
  }

  @Test
  void aMissingDistributionSaysHowToGetIt() {
    assertThatThrownBy(() -> ElasticsearchNode.requireDistribution(StackLayout.of(config())))
        .isInstanceOf(StackException.class)
        .hasMessage("Elasticsearch distribution not found at " + temp.resolve("stack/elasticsearch-8.19.21.zip")
            + ": build the project (./newsflow builds on first use, or mvn package) so Maven downloads it from Maven Central");
  }

  @Test
  void pluginNamesComeFromClassicOrStableDescriptors() throws IOException {
    assertThat(ElasticsearchNode.pluginName(zip("classic.zip", "plugin-descriptor.properties", "name=analysis-x\nversion=1\n")))
        .contains("analysis-x");
    assertThat(ElasticsearchNode.pluginName(zip("stable.zip", "stable-plugin-descriptor.properties", "name=newsflow-analysis\n")))
        .contains("newsflow-analysis");
    assertThat(ElasticsearchNode.pluginName(zip("other.zip", "README.txt", "not a plugin"))).isEmpty();
  }

  @Test
  void theEnvironmentUsesThisJvmAndDropsInheritedJavaSettings() {
    Map<String, String> environment = ElasticsearchNode.environment(StackLayout.of(config()), RunAs.currentUser());
    assertThat(environment).containsEntry("ES_JAVA_HOME", System.getProperty("java.home"))
        .containsEntry("ES_TMPDIR", temp.resolve("data/elasticsearch/tmp").toString())
        .containsEntry("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + temp.resolve("data/elasticsearch/tmp"))
        .containsEntry("JAVA_HOME", null)
        .containsEntry("ES_JAVA_OPTS", "");
  }

  private Path zip(String name, String entry, String content) throws IOException {
    Path zip = temp.resolve(name);
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
      zipOut.putNextEntry(new ZipEntry(entry));
      zipOut.write(content.getBytes(StandardCharsets.UTF_8));
      zipOut.closeEntry();
    }
    return zip;
  }
}
