package io.newsflow.esplugin;

import java.util.List;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/** Reads the standard settings shared by the {@code synonym} and {@code synonym_graph} filters. */
@AnalysisSettings
public interface SynonymSettings {
  /** Returns the inline rules, in the format named by {@link #format()}. */
  @ListSetting(path = "synonyms")
  List<String> synonyms();

  /** Returns a rules file, absolute or relative to the node's config directory; empty if none. */
  @StringSetting(path = "synonyms_path", defaultValue = "")
  String synonymsPath();

  /** Returns the name of a synonyms set; these need the synonyms API, which this plugin lacks. */
  @StringSetting(path = "synonyms_set", defaultValue = "")
  String synonymsSet();

  /** Returns {@code wordnet} for WordNet prolog rules; anything else means Solr rules. */
  @StringSetting(path = "format", defaultValue = "solr")
  String format();

  /** Returns whether an equivalence rule maps every term to all others, not just to the first. */
  @BooleanSetting(path = "expand", defaultValue = true)
  boolean expand();

  /** Returns whether to skip rules that fail to parse instead of rejecting the filter. */
  @BooleanSetting(path = "lenient", defaultValue = false)
  boolean lenient();

  /** Returns whether the filter is meant to be reloadable, which confines it to search analyzers. */
  @BooleanSetting(path = "updateable", defaultValue = false)
  boolean updateable();
}
