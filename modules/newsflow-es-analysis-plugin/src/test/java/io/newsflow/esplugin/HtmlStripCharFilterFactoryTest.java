package io.newsflow.esplugin;

import static io.newsflow.esplugin.TestSupport.read;
import static io.newsflow.esplugin.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlStripCharFilterFactoryTest {

  @Test
  void stripsTagsAndDecodesEntities() {
    var factory = new HtmlStripCharFilterFactory(settings(HtmlStripCharFilterFactory.Settings.class, Map.of()));

    assertThat(read(factory.create(new StringReader("<p>Caf&eacute; &amp; <b>tea</b></p>"))).strip())
        .isEqualTo("Café & tea");
  }

  @Test
  void leavesEscapedTagsInPlace() {
    var factory = new HtmlStripCharFilterFactory(
        settings(HtmlStripCharFilterFactory.Settings.class, Map.of("escaped_tags", List.of("b"))));

    assertThat(read(factory.create(new StringReader("<p><b>tea</b></p>"))).strip()).isEqualTo("<b>tea</b>");
  }
}
