package io.newsflow.extract.internal;

import java.util.Arrays;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.apache.tika.sax.ContentHandlerDecoratorFactory;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Keeps the external references of a document in its metadata. Tika's OOXML parser (3.3 on) marks
 * what a Word or Excel file fetches or runs from elsewhere when opened (a remote template,
 * {@code INCLUDEPICTURE}/{@code INCLUDETEXT}/{@code LINK} field codes, DDE links, web queries and
 * database connections, sub-documents, hover links) as empty {@code <a class="external-ref-KIND"
 * href="TARGET"/>} elements of its XHTML, which newsflow's text output drops. This decorator copies
 * each as {@code KIND TARGET} into {@value #KEY}: the tracking pixel of a phishing document, the
 * server of a data connection. Registered in Tika's {@code autoDetectParserConfig}, so it sees every
 * document, embedded ones included, in the workers and in process alike. Stateless; each decorated
 * handler belongs to one parse.
 */
public final class ExternalRefs implements ContentHandlerDecoratorFactory {

  /** Metadata key of a document's external references, one {@code KIND TARGET} value each. */
  public static final String KEY = "external-refs";

  private static final String CLASS_PREFIX = "external-ref-";
  // A generated document could hold thousands; the metadata of a record stays bounded.
  static final int MAX_REFS = 100;
  private static final long serialVersionUID = 1L;

  @Override
  public ContentHandler decorate(ContentHandler handler, Metadata metadata, ParseContext context) {
    return new ContentHandlerDecorator(handler) {
      @Override
      public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        if ("a".equals(localName) || "a".equals(qName)) {
          record(metadata, atts.getValue("class"), atts.getValue("href"));
        }
        super.startElement(uri, localName, qName, atts);
      }
    };
  }

  static void record(Metadata metadata, String cssClass, String href) {
    if (cssClass == null || !cssClass.startsWith(CLASS_PREFIX) || href == null || href.isBlank()) {
      return;
    }
    String value = cssClass.substring(CLASS_PREFIX.length()) + " " + href.strip();
    String[] known = metadata.getValues(KEY);
    if (known.length < MAX_REFS && !Arrays.asList(known).contains(value)) {
      metadata.add(KEY, value);
    }
  }
}
