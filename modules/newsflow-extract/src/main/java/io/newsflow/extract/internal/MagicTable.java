package io.newsflow.extract.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.mime.MimeTypesFactory;

/**
 * Builds Tika's table of media types and magic numbers ({@code tika-mimetypes.xml} of tika-core) with clauses
 * that cost much and decide the same made cheaper, for type detection by content. Thread-safe; the table is
 * built once.
 *
 * <p>Tika tries a file's first 8 KB against every magic clause in priority order. One clause, Illustrator's
 * PostScript files ({@code [\r\n]%AI5_FileFormat [1-4][\r\n]}, a regular expression at offsets 0 to 8192, priority
 * 60), runs before almost every other and matches almost never: Tika decodes 8 KB into characters and starts the
 * expression at each of the 8,193 offsets, a quarter of all magic matching on the generated news archive
 * (measured clause by clause). Here it sits behind the plain string {@code %AI} anywhere from offset 1 on, which it
 * cannot match without: Tika nests a match as "parent and child", so the clause matches exactly the same files, and
 * a file without that string fails at the cheap test. (The first version tested {@code %AI5_FileFormat }, which made
 * the clause large enough to move ahead of other types of its priority in Tika's order, see below.)
 *
 * <p>The same way, {@link #GUARDS} puts a test of the first bytes in front of clauses that start with a regular
 * expression at offset 0: Tika compiles the expression and decodes its window into characters at every evaluation,
 * about 13 microseconds a clause, and a page or text file reaches some twenty of them (regular expressions were 46% of
 * the magic matching on the generated news archive, measured clause by clause), and in front of mail's
 * "two groups of headers" clause. Each guard is a condition the clause
 * cannot match without (a literal the expression starts with, or a byte mask that every first character the
 * expression allows passes), so the clause matches exactly the same files; and the magics stay in Tika's order, type
 * by type (a guard adds to a clause's size, by which Tika sorts magics of one priority: {@code MagicTableTest} checks
 * the order), so Tika's decisions among several matches are the same too.
 *
 * <p>When a rewrite's or a guard's text is not found (another Tika version) that clause stays Tika's own. When the
 * user names extra types with Tika's {@value MimeTypesFactory#CUSTOM_MIMES_SYS_PROP} property, Tika's own table is used.
 */
final class MagicTable {

  static final String RESOURCE = "org/apache/tika/mime/tika-mimetypes.xml";

  /** Tika's clause, as written in its table, and the same clause behind a test it cannot match without. */
  static final Map<String, String> REWRITES = Map.of(
      "<match value=\"[\\r\\n]%AI5_FileFormat [1-4][\\r\\n]\" type=\"regex\" offset=\"0:8192\"/>",
      "<match value=\"%AI\" type=\"string\" offset=\"1:8193\">"
          + "<match value=\"[\\r\\n]%AI5_FileFormat [1-4][\\r\\n]\" type=\"regex\" offset=\"0:8192\"/></match>");

  /** A clause of Tika's table (the {@code <match} element at or after {@code at}) and the test to put in front of it. */
  record Guard(String at, String test) {}

  /** See the class comment; each test is a plain {@code <match>} opening tag at offset 0. */
  static final List<Guard> GUARDS = List.of(
      // MP3 after CR LF or NULs: the first byte is 0x0D or 0x00, both 0 under the mask 0xF2.
      new Guard("<match value=\"(?:\\\\x0D\\\\x0A|\\\\x00{1,1024})", masked("0x00", "0xF2")),
      // HTML headings at the start: '<', then h or H.
      new Guard("<match value=\"(?i)&lt;h[123][ >]\" type=\"regex\"", masked("0x3C48", "0xFFDF")),
      // Microsoft Outlook owner files: a first byte from 0x05 to 0x0F.
      new Guard("<match value=\"(?s)^([\\\\x05-\\\\x0F])", masked("0x00", "0xF0")),
      // Windows NLS files.
      new Guard("<match value=\"(?s)^\\\\x44\\\\x43.\\\\x01\" type=\"regex\"", literal("DC")),
      new Guard("<match value=\"(?s)^\\\\x0D.{51}", masked("0x0D", "0xFF")),
      // MATLAB: "function " first (one letter of it: a longer test would move the clause in Tika's order).
      new Guard("<match value=\"function [a-zA-Z][A-Za-z0-9_]{0,62}\\\\s*=\" type=\"regex\"", literal("f")),
      new Guard("<match value=\"function [a-zA-Z][A-Za-z0-9_]{0,62}[\\\\r\\\\n]\" type=\"regex\"", literal("f")),
      // AAC without ID3: a frame sync byte 0xFF first.
      new Guard("<match type=\"regex\" value=\"(?s)\\\\xFF[\\\\xF0\\\\xF1\\\\xF8\\\\xF9].{2}.{100,2000}\\\\xFF[\\\\xF0\\\\xF1\\\\xF8\\\\xF9]\" offset=\"0\"",
          masked("0xFF", "0xFF")),
      // Mail without a marker: it needs one of its header names (letters) or a byte order mark (0xEF) at the start;
      // all have the bit 0x40, which '<', digits and white space have not. (Not a regular expression, but 11.6% of
      // the magic matching: 40 header names tried at offset 0 and 20 in the first KB, for every page and text file.)
      new Guard("<!-- be a bit more flexible, but require one from each of these -->", masked("0x40", "0x40")));

  // Not guarded: the clauses of java.hprof, MARC, FCS, bzip2, portable bitmaps, "(X|DKIM|ARC)-" mail and the HTML tag
  // list; any test in front of them moves them past a magic of another type (MagicTableTest.theMagicsKeepTikasOrder...).

  private MagicTable() {}

  private static String literal(String value) {
    return "<match value=\"" + value + "\" type=\"string\" offset=\"0\">";
  }

  private static String masked(String value, String mask) {
    return "<match value=\"" + value + "\" mask=\"" + mask + "\" type=\"string\" offset=\"0\">";
  }

  /** Returns the table, built on first use. */
  static MimeTypes mimeTypes() {
    return Holder.TYPES;
  }

  private static final class Holder {
    static final MimeTypes TYPES = build();
  }

  private static MimeTypes build() {
    if (System.getProperty(MimeTypesFactory.CUSTOM_MIMES_SYS_PROP) != null) {
      return MimeTypes.getDefaultMimeTypes();
    }
    try (InputStream in = MimeTypes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return MimeTypes.getDefaultMimeTypes();
      }
      String xml = rewrite(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return MimeTypesFactory.create(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Tika's media types " + RESOURCE, e);
    } catch (MimeTypeException e) {
      throw new IllegalStateException("Tika's media types " + RESOURCE + " no longer load after rewriting: " + e, e);
    }
  }

  /** Applies {@link #REWRITES} and {@link #GUARDS} to the text of Tika's table; a clause not found is left alone. */
  static String rewrite(String xml) {
    for (Map.Entry<String, String> r : REWRITES.entrySet()) {
      xml = xml.replace(r.getKey(), r.getValue());
    }
    for (Guard g : GUARDS) {
      xml = guard(xml, g);
    }
    return xml;
  }

  /**
   * Nests the {@code <match>} element at or after the first occurrence of {@code guard.at()} in the guard's test
   * (Tika reads a match with children as "it and one of them"); unchanged if the text occurs other than once or the
   * element does not end.
   */
  static String guard(String xml, Guard guard) {
    int at = xml.indexOf(guard.at());
    if (at < 0 || xml.indexOf(guard.at(), at + 1) >= 0) {
      return xml;
    }
    int start = xml.indexOf("<match", at);
    int end = start < 0 ? -1 : elementEnd(xml, start);
    if (end < 0) {
      return xml;
    }
    return xml.substring(0, start) + guard.test() + xml.substring(start, end) + "</match>" + xml.substring(end);
  }

  /** Returns the index after the {@code <match>} element starting at {@code start} (nested matches included), or -1. */
  static int elementEnd(String xml, int start) {
    int depth = 0;
    int i = start;
    while (i < xml.length()) {
      if (xml.startsWith("<!--", i)) {
        int close = xml.indexOf("-->", i);
        if (close < 0) {
          return -1;
        }
        i = close + 3;
      } else if (xml.startsWith("</match>", i)) {
        depth--;
        i += "</match>".length();
        if (depth == 0) {
          return i;
        }
      } else if (xml.startsWith("<match", i)) {
        int tagEnd = tagEnd(xml, i);
        if (tagEnd < 0) {
          return -1;
        }
        boolean empty = xml.charAt(tagEnd - 1) == '/';
        i = tagEnd + 1;
        if (empty && depth == 0) {
          return i;
        }
        if (!empty) {
          depth++;
        }
      } else {
        i++;
      }
    }
    return -1;
  }

  /** Returns the index of the {@code >} that ends the tag starting at {@code start}, past quoted attribute values. */
  private static int tagEnd(String xml, int start) {
    char quote = 0;
    for (int i = start; i < xml.length(); i++) {
      char c = xml.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i;
      }
    }
    return -1;
  }
}
