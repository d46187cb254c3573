package io.newsflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a labelled corpus for near-duplicate and story evaluation: invented events, each reported by
 * one to four outlets in their own words (one story), some reports reprinted with small edits (a
 * near-duplicate of their original, same story), and decoys that must stay apart: the same official
 * on another matter weeks later, and other events in the same town on the same day. Web pages with
 * their publication date in the page metadata. The same seed gives the same files.
 *
 * <p>{@value #LABELS} lists every file with its story label and, for a reprint, the file it copies.
 * Not thread-safe.
 */
public final class StoryCorpusGenerator {

  /** Name of the labels file: {@code file<TAB>story<TAB>duplicate-of or ->}, one line per file, header first. */
  public static final String LABELS = "labels.tsv";

  private static final String[] FIRST = {"Tomas", "Ilse", "Mara", "Jonah", "Anneli", "Priya", "Oskar", "Nadia", "Liesel", "Emeka",
      "Ruth", "Casimir", "Yara", "Bruno", "Svea", "Dmitri", "Halima", "Teodor", "Greta", "Rafael", "Ingrid", "Kofi", "Mirela", "Anders",
      "Leonie", "Viktor", "Amara", "Henrik", "Zofia", "Matteo"};
  private static final String[] LAST = {"Reyvik", "Varga", "Okonkwo", "Pell", "Strand", "Raman", "Lind", "Ferro", "Halvorsen", "Adeyemi",
      "Castellane", "Brodsky", "Marchetti", "Nyberg", "Oduya", "Kowalczyk", "Thorsby", "Valdez", "Lindqvist", "Achterberg", "Moreau",
      "Sandoval", "Petrovic", "Engstrom", "Quintero", "Holloway", "Szabo", "Almeida", "Rasmussen", "Delacroix"};
  private static final String[] TOWNS = {"Port Elwin", "Northgate", "Varnholm", "Castelbrook", "Eastmere", "Tollan Bay", "Redmarsh",
      "Kelvingrove", "Ashcombe", "Marrowby", "Dunmere", "Saltcliff"};
  private static final String[] BODIES = {"Water Board", "Transit Authority", "Harbour Trust", "Health Council", "Energy Cooperative",
      "Housing Association", "Arts Council", "Fire Service"};
  private static final String[] PROJECTS = {"flood barrier", "tram extension", "ferry terminal", "children's hospital wing",
      "solar farm", "river bridge", "public library", "sports arena", "recycling plant", "night bus network"};
  private static final String[] OUTLETS = {"Coastal Herald", "Valley Times", "Morning Wire", "Evening Standard-Post", "Regional Courier",
      "Harbour Gazette"};

  private final Random random;

  public StoryCorpusGenerator(long seed) {
    this.random = new Random(seed);
  }

  private record Event(String label, String official, String officialTitle, String critic, String body, String town,
      String project, LocalDate date, int millions, int months, String quote) {}

  /**
   * Writes about {@code events} events' reports, reprints and decoys under {@code dir}, and the labels.
   *
   * @return the number of files written
   */
  public int generate(Path dir, int events) throws IOException {
    Files.createDirectories(dir);
    List<String> labels = new ArrayList<>();
    labels.add("file\tstory\tduplicate_of");
    Set<String> usedPeople = new LinkedHashSet<>();
    LocalDate start = LocalDate.of(2026, 1, 5);
    int files = 0;
    for (int e = 0; e < events; e++) {
      // Events about a week apart on average, two or three sharing a day somewhere.
      LocalDate date = start.plusDays(e * 7L / 3 + random.nextInt(2));
      Event event = event("s" + e, usedPeople, date, TOWNS[random.nextInt(TOWNS.length)]);
      int outlets = 1 + random.nextInt(5);
      List<Integer> styles = new ArrayList<>(List.of(0, 1, 2, 3, 4));
      java.util.Collections.shuffle(styles, random);
      for (int o = 0; o < outlets; o++) {
        String outlet = OUTLETS[(e + o) % OUTLETS.length];
        String name = "e" + e + "-" + slug(outlet) + ".html";
        String[] article = report(event, styles.get(o), outlet);
        Files.writeString(dir.resolve(name), html(article[0], article[1], outlet, event.date()));
        labels.add(name + "\t" + event.label() + "\t-");
        files++;
        if (random.nextInt(4) == 0) {
          // A reprint: another site runs the same copy with its own headline and a line of its own.
          String copy = "e" + e + "-" + slug(outlet) + "-reprint.html";
          String[] edited = reprint(article);
          Files.writeString(dir.resolve(copy), html(edited[0], edited[1], "Syndicated News", event.date().plusDays(random.nextInt(2))));
          labels.add(copy + "\t" + event.label() + "\t" + name);
          files++;
        }
      }
      if (random.nextInt(5) == 0) {
        // The same official on another matter in the same week, with other people: another story
        // (the hard case: the rule, which weighs shared people, may join them).
        Event sameWeek = new Event("s" + e + "-week", event.official(), event.officialTitle(), person(usedPeople),
            TOWNS[random.nextInt(TOWNS.length)] + " " + BODIES[random.nextInt(BODIES.length)], event.town(),
            PROJECTS[random.nextInt(PROJECTS.length)], event.date().plusDays(1 + random.nextInt(2)), 5 + random.nextInt(90),
            6 + random.nextInt(30), quote());
        String name = "e" + e + "-same-week.html";
        String[] article = report(sameWeek, random.nextInt(4), OUTLETS[random.nextInt(OUTLETS.length)]);
        Files.writeString(dir.resolve(name), html(article[0], article[1], "Evening Standard-Post", sameWeek.date()));
        labels.add(name + "\t" + sameWeek.label() + "\t-");
        files++;
      }
      if (random.nextInt(4) == 0) {
        // The same official on another matter five to eight weeks later: another story.
        Event later = new Event("s" + e + "-later", event.official(), event.officialTitle(), person(usedPeople),
            BODIES[random.nextInt(BODIES.length)], event.town(), PROJECTS[random.nextInt(PROJECTS.length)],
            event.date().plusDays(35 + random.nextInt(21)), 5 + random.nextInt(90), 6 + random.nextInt(30), quote());
        String name = "e" + e + "-later.html";
        String[] article = report(later, random.nextInt(4), OUTLETS[random.nextInt(OUTLETS.length)]);
        Files.writeString(dir.resolve(name), html(article[0], article[1], "Regional Courier", later.date()));
        labels.add(name + "\t" + later.label() + "\t-");
        files++;
      }
    }
    Files.write(dir.resolve(LABELS), labels);
    return files;
  }

  private Event event(String label, Set<String> used, LocalDate date, String town) {
    String[] titles = {"Mayor", "Councillor", "Director", "Minister"};
    return new Event(label, person(used), titles[random.nextInt(titles.length)], person(used),
        town + " " + BODIES[random.nextInt(BODIES.length)], town, PROJECTS[random.nextInt(PROJECTS.length)], date,
        5 + random.nextInt(90), 6 + random.nextInt(30), quote());
  }

  private String person(Set<String> used) {
    while (true) {
      String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
      if (used.add(name)) {
        return name;
      }
    }
  }

  private String quote() {
    String[] quotes = {
        "This is the most important decision this town has taken in a generation",
        "We listened to every resident and we changed the plans because of what they told us",
        "Nobody should have to wait this long for something so basic",
        "The money is there, the engineers are ready and the work starts now",
        "We will not let the costs run away from us as they did last time"};
    return quotes[random.nextInt(quotes.length)];
  }

  /** Returns title and paragraphs of one outlet's report of {@code e}, in one of four styles. */
  private String[] report(Event e, int style, String outlet) {
    String surname = e.official().substring(e.official().indexOf(' ') + 1);
    String criticSurname = e.critic().substring(e.critic().indexOf(' ') + 1);
    String day = e.date().getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
    List<String> p = new ArrayList<>();
    String title;
    switch (style) {
      case 0 -> {
        title = e.town() + " approves " + e.millions() + " million " + e.project();
        p.add(e.officialTitle() + " " + e.official() + " announced on " + day + " that the " + e.body() + " had approved a "
            + e.millions() + " million plan to build a new " + e.project() + " in " + e.town() + ".");
        p.add("\"" + e.quote() + ",\" " + surname + " told reporters after the vote.");
        p.add("Construction is due to take " + e.months() + " months. Opposition councillor " + e.critic()
            + " said the cost had doubled since the first estimate and called for an independent audit.");
        p.add("The " + e.body() + " said tenders would be published within weeks and that local firms would be invited to bid.");
      }
      case 1 -> {
        title = "Green light for " + e.project() + " as " + e.body() + " backs " + surname + "'s plan";
        p.add("After months of debate, the " + e.body() + " voted to fund the " + e.project() + " championed by "
            + e.official() + ", clearing the way for work to begin in " + e.town() + " later this year.");
        p.add("The scheme will cost about " + e.millions() + " million and is expected to be finished in " + e.months()
            + " months, according to documents seen by the " + outlet + ".");
        p.add("Speaking outside the chamber, " + surname + " said: \"" + e.quote() + ".\"");
        p.add("Not everyone is convinced. " + e.critic() + ", who leads the opposition, warned that residents would end up"
            + " paying for overruns, and " + criticSurname + " promised to keep asking questions.");
      }
      case 2 -> {
        title = "What the new " + e.project() + " means for " + e.town();
        p.add("Residents of " + e.town() + " will get a new " + e.project() + " after the " + e.body()
            + " signed off on the project this week, " + e.officialTitle().toLowerCase(java.util.Locale.ROOT) + " "
            + e.official() + " confirmed.");
        p.add("Here is what we know: the budget stands at " + e.millions() + " million, building work should last "
            + e.months() + " months, and the site will be chosen after a public consultation.");
        p.add(e.official() + " defended the price tag. \"" + e.quote() + ",\" the " + e.officialTitle().toLowerCase(java.util.Locale.ROOT)
            + " said.");
        p.add("Critics led by " + e.critic() + " say the money would be better spent on repairs to existing services.");
      }
      case 4 -> {
        // A brief: the official by title and surname only, no critic.
        title = e.town() + " to get " + e.project();
        p.add(e.officialTitle() + " " + surname + " said the " + e.body() + " had agreed to pay for a " + e.project()
            + " in " + e.town() + ", with work starting soon.");
        p.add("The project is budgeted at " + e.millions() + " million.");
      }
      default -> {
        title = surname + " wins vote on " + e.town() + " " + e.project();
        p.add(e.town() + " (" + outlet + ") - " + e.official() + " won the backing of the " + e.body() + " on " + day
            + " for a " + e.project() + " that has divided the town for years.");
        p.add("\"" + e.quote() + ",\" " + e.official() + " said in a statement released after the meeting.");
        p.add("The " + e.millions() + " million project was opposed by " + e.critic() + ", who argued that " + e.months()
            + " months of building work would disrupt traffic across " + e.town() + ".");
        p.add("A final design is expected next month.");
      }
    }
    return new String[] {title, String.join("\n\n", p)};
  }

  /** Returns a reprint of {@code article}: its own headline, a line added at the end, one word changed. */
  private String[] reprint(String[] article) {
    String body = article[1].replaceFirst("\\breporters\\b", "journalists").replaceFirst("\\bexpected\\b", "due");
    return new String[] {"UPDATED: " + article[0], body + "\n\nThis article was first published by a partner site."};
  }

  private static String html(String title, String body, String outlet, LocalDate date) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title)).append(" | ")
        .append(outlet).append("</title><meta property=\"og:title\" content=\"").append(escape(title))
        .append("\"><meta property=\"article:published_time\" content=\"").append(date).append("T08:00:00Z\"></head><body>")
        .append("<header><nav><a href=\"/\">Home</a> <a href=\"/local\">Local</a> <a href=\"/sport\">Sport</a></nav></header>")
        .append("<article><h1>").append(escape(title)).append("</h1>");
    for (String p : body.split("\n\n")) {
      sb.append("<p>").append(escape(p)).append("</p>");
    }
    sb.append("</article><footer>&copy; ").append(outlet).append("</footer></body></html>");
    return sb.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }

  private static String slug(String s) {
    return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
