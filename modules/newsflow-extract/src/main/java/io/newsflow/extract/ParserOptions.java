package io.newsflow.extract;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Configures what Tika's parsers read beyond a file's ordinary text: optical character recognition of
 * images and scanned pages, and macro source code. Both cost time or add documents a news archive
 * rarely wants, so both are off by default. Immutable; {@link #defaults()} is the one place defaults
 * live.
 *
 * @param ocr whether images and PDF pages without a text layer are read by Tesseract ({@value #OCR})
 * @param ocrLanguage Tesseract's language codes, joined by {@code +} ({@value #OCR_LANGUAGE}), e.g.
 *     {@code eng+deu}; each needs its traineddata installed
 * @param macros whether VBA and OpenOffice Basic macros of office files, and JavaScript actions of
 *     PDFs, become embedded documents of their own ({@value #MACROS})
 * @param trackedChanges whether the text a Word file's tracked changes deleted or moved away is read
 *     too, in place, as Tika writes it ({@value #TRACKED_CHANGES}): what a draft said before it was
 *     edited, for investigations; off, the text is what the document says now
 */
public record ParserOptions(Ocr ocr, String ocrLanguage, boolean macros, boolean trackedChanges) {

  public static final String OCR = "extract.ocr";
  public static final String OCR_LANGUAGE = "extract.ocr-language";
  public static final String MACROS = "extract.macros";
  public static final String TRACKED_CHANGES = "extract.tracked-changes";

  // Tesseract's own language codes ("eng", "chi_sim", "deu_latf"), several joined by "+".
  private static final Pattern LANGUAGES = Pattern.compile("[a-z]{3}(_[a-z]+)?(\\+[a-z]{3}(_[a-z]+)?)*");

  /** Whether Tesseract reads the text of images and scanned pages. */
  public enum Ocr {
    /**
     * Never: an image without metadata is dead-lettered as {@code empty}, a scanned PDF too (replay it
     * after switching OCR on). Tika would otherwise OCR whenever it finds {@code tesseract} on the
     * path, so installing Tesseract for something else would silently slow every import.
     */
    OFF("off"),
    /**
     * Images (standalone or embedded in office files and e-mails) and PDF pages with (almost) no
     * text layer; requires {@code tesseract} on the path.
     */
    ON("on");

    private final String code;

    Ocr(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    /**
     * Returns the value written as {@code code}.
     *
     * @throws IllegalArgumentException naming {@value ParserOptions#OCR} for an unknown value
     */
    public static Ocr ofCode(String code) {
      for (Ocr o : values()) {
        if (o.code.equals(code.trim().toLowerCase(Locale.ROOT))) {
          return o;
        }
      }
      throw new IllegalArgumentException(OCR + " must be 'off' or 'on', got '" + code + "'");
    }
  }

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException naming the configuration key of the first bad value
   */
  public ParserOptions {
    if (ocr == null) {
      throw new IllegalArgumentException(OCR + " must be 'off' or 'on', got null");
    }
    if (ocrLanguage == null || !LANGUAGES.matcher(ocrLanguage).matches()) {
      throw new IllegalArgumentException(OCR_LANGUAGE + " must be Tesseract language codes joined by '+' (eng,"
          + " eng+deu), got '" + ocrLanguage + "'");
    }
  }

  /** Returns the defaults: no OCR (English when switched on), no macros, no deleted text. */
  public static ParserOptions defaults() {
    return new ParserOptions(Ocr.OFF, "eng", false, false);
  }

  /** Returns a copy with {@code ocr} replaced. */
  public ParserOptions withOcr(Ocr ocr) {
    return new ParserOptions(ocr, ocrLanguage, macros, trackedChanges);
  }

  /** Returns a copy with {@code macros} replaced. */
  public ParserOptions withMacros(boolean macros) {
    return new ParserOptions(ocr, ocrLanguage, macros, trackedChanges);
  }

  /** Returns a copy with {@code trackedChanges} replaced. */
  public ParserOptions withTrackedChanges(boolean trackedChanges) {
    return new ParserOptions(ocr, ocrLanguage, macros, trackedChanges);
  }
}
