package io.newsflow.esplugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/** Builds settings and runs token streams the way the server does, without a server. */
final class TestSupport {

  private TestSupport() {}

  /**
   * Implements a settings interface like the server's proxy: a value from {@code values} under the
   * annotation's path, else the annotation's default (an empty list for list settings).
   */
  static <T> T settings(Class<T> type, Map<String, Object> values) {
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (self, method, args) -> value(method, values));
    return type.cast(proxy);
  }

  private static Object value(Method method, Map<String, Object> values) {
    // The server reads exactly one annotation per method, so a second one would break there too.
    assertThat(method.getAnnotations()).hasSize(1);
    Annotation setting = method.getAnnotations()[0];
    if (setting instanceof StringSetting s) {
      return values.getOrDefault(s.path(), s.defaultValue());
    }
    if (setting instanceof BooleanSetting s) {
      return values.getOrDefault(s.path(), s.defaultValue());
    }
    if (setting instanceof ListSetting s) {
      return values.getOrDefault(s.path(), List.of());
    }
    throw new IllegalStateException("unsupported setting annotation on " + method);
  }

  /** Returns the terms of {@code text} after the standard tokenizer and {@code filters}. */
  static List<String> tokens(String text, UnaryOperator<TokenStream> filters) {
    Tokenizer tokenizer = new StandardTokenizer();
    tokenizer.setReader(new StringReader(text));
    return terms(filters.apply(tokenizer));
  }

  /** Returns the terms {@code analyzer} makes of {@code text}. */
  static List<String> tokens(Analyzer analyzer, String text) {
    return terms(analyzer.tokenStream("field", text));
  }

  /** Returns all characters a char filter lets through. */
  static String read(Reader reader) {
    try (reader) {
      StringBuilder out = new StringBuilder();
      for (int c = reader.read(); c != -1; c = reader.read()) {
        out.append((char) c);
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> terms(TokenStream stream) {
    try (stream) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      List<String> terms = new ArrayList<>();
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
      return terms;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
