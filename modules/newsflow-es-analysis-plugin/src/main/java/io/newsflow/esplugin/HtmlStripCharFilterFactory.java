package io.newsflow.esplugin;

import java.io.Reader;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.CharFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;

/** Strips HTML markup and decodes entities, as the standard {@code html_strip} char filter does. */
@NamedComponent("html_strip")
public class HtmlStripCharFilterFactory implements CharFilterFactory {

  /** Reads the standard {@code html_strip} settings. */
  @AnalysisSettings
  public interface Settings {
    /** Returns the tags to leave in the text instead of stripping them. */
    @ListSetting(path = "escaped_tags")
    List<String> escapedTags();
  }

  private final Set<String> escapedTags;

  /** Creates the factory from the filter's index settings. */
  @Inject
  public HtmlStripCharFilterFactory(Settings settings) {
    this.escapedTags = Set.copyOf(settings.escapedTags());
  }

  @Override
  public Reader create(Reader reader) {
    return new HTMLStripCharFilter(reader, escapedTags);
  }
}
