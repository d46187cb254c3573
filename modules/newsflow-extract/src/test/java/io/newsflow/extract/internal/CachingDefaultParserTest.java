package io.newsflow.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.extract.ExtractionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.junit.jupiter.api.Test;

class CachingDefaultParserTest {

  @Test
  void tikaBuildsItFromNewsflowsConfigurationWithTheExclusionsKept() throws Exception {
    CachingDefaultParser parser = loaded();

    Map<MediaType, Parser> parsers = parser.getParsers(new ParseContext());
    assertThat(parsers.values()).noneMatch(p -> p.getClass().getName().equals(ParserSetup.TESSERACT))
        .noneMatch(p -> p.getClass().getName().equals(ParserSetup.OOXML));
    assertThat(parsers).containsKey(MediaType.application("pdf"));
  }

  @Test
  void givesDefaultParsersMapAndBuildsItOncePerContext() throws Exception {
    CachingDefaultParser parser = loaded();
    ParseContext one = new ParseContext();
    ParseContext two = new ParseContext();

    Map<MediaType, Parser> first = parser.getParsers(one);

    assertThat(parser.getParsers(one)).isSameAs(first);
    assertThat(parser.getSupportedTypes(one)).isEqualTo(first.keySet());
    Map<MediaType, Parser> other = parser.getParsers(two);
    assertThat(other).isNotSameAs(first).isEqualTo(first);
    // The same answer as a plain composite of the same parsers, Tika's own way of building the map.
    assertThat(new CompositeParser(parser.getMediaTypeRegistry(), parser.getAllComponentParsers()).getParsers(two))
        .isEqualTo(other);
  }

  private static CachingDefaultParser loaded() throws Exception {
    Path file = TikaSetup.write(ExtractionConfig.defaults());
    try {
      CompositeParser top = (CompositeParser) new TikaConfig(file).getParser();
      return top.getAllComponentParsers().stream().filter(CachingDefaultParser.class::isInstance)
          .map(CachingDefaultParser.class::cast).findFirst().orElseThrow();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
