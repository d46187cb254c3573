package io.newsflow.extract.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * (measured clause by clause). Here it sits behind the plain string {@code %AI5_FileFormat } anywhere from
 * offset 1 on, which it cannot match without: Tika nests a match as "parent and child", so the clause matches
 * exactly the same files, and a file without that string fails at the cheap test.
 *
 * <p>When a rewrite's text is not found (another Tika version) that clause stays Tika's own. When the user
 * names extra types with Tika's {@value MimeTypesFactory#CUSTOM_MIMES_SYS_PROP} property, Tika's own table is used.
 */
final class MagicTable {

  static final String RESOURCE = "org/apache/tika/mime/tika-mimetypes.xml";

  /** Tika's clause, as written in its table, and the same clause behind a test it cannot match without. */
  static final Map<String, String> REWRITES = Map.of(
      "<match value=\"[\\r\\n]%AI5_FileFormat [1-4][\\r\\n]\" type=\"regex\" offset=\"0:8192\"/>",
      "<match value=\"%AI5_FileFormat \" type=\"string\" offset=\"1:8193\">"
          + "<match value=\"[\\r\\n]%AI5_FileFormat [1-4][\\r\\n]\" type=\"regex\" offset=\"0:8192\"/></match>");

  private MagicTable() {}

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

  /** Applies {@link #REWRITES} to the text of Tika's table; a clause not found is left alone. */
  static String rewrite(String xml) {
    for (Map.Entry<String, String> r : REWRITES.entrySet()) {
      xml = xml.replace(r.getKey(), r.getValue());
    }
    return xml;
  }
}
