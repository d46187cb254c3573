package io.newsflow.esplugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;
import org.elasticsearch.plugin.analysis.CharFilterFactory;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.junit.jupiter.api.Test;

/**
 * Keeps the hand-written {@code named_components.json} in step with the {@link NamedComponent}
 * classes: the server trusts that file and never scans the jar, so a stale entry silently loses a
 * component. On failure, paste the expected text into the file.
 */
class NamedComponentsFileTest {

  private static final List<Class<?>> EXTENSIBLES = List.of(
      AnalyzerFactory.class, CharFilterFactory.class, TokenFilterFactory.class, TokenizerFactory.class);

  @Test
  void listsEveryNamedComponentInTheJar() throws IOException, URISyntaxException {
    String actual = Files.readString(Path.of("src/main/plugin/named_components.json"));

    assertThat(actual).isEqualTo(render(scan()));
  }

  /** Maps each extensible interface name to its components, name to class, all sorted. */
  private static Map<String, Map<String, String>> scan() throws IOException, URISyntaxException {
    Path classes = Path.of(EnglishAnalyzerFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Map<String, Map<String, String>> components = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Class<?> type : files.filter(f -> f.toString().endsWith(".class")).map(f -> load(classes, f)).toList()) {
        NamedComponent named = type.getAnnotation(NamedComponent.class);
        if (named == null) {
          continue;
        }
        Class<?> extensible = EXTENSIBLES.stream().filter(e -> e.isAssignableFrom(type)).findFirst()
            .orElseThrow(() -> new AssertionError(type + " implements no stable analysis interface"));
        components.computeIfAbsent(extensible.getName(), k -> new TreeMap<>()).put(named.value(), type.getName());
      }
    }
    return components;
  }

  private static Class<?> load(Path root, Path file) {
    String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
    try {
      return Class.forName(name.substring(0, name.length() - ".class".length()));
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  private static String render(Map<String, Map<String, String>> components) {
    return components.entrySet().stream()
        .map(e -> "  \"" + e.getKey() + "\": {\n" + e.getValue().entrySet().stream()
            .map(c -> "    \"" + c.getKey() + "\": \"" + c.getValue() + "\"")
            .collect(Collectors.joining(",\n")) + "\n  }")
        .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
  }
}
