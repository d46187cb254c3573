package io.newsflow.elasticsearch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorroborationTest {

  @Test
  void aQuoteTrimmedDifferentlyByAnotherOutletCountsAsASecondSource() {
    List<String> quotes = List.of("This bridge carries the whole city's working day.", "We tested every pile twice.");
    List<Corroboration.Source> others = List.of(
        new Corroboration.Source("wire", List.of("This bridge carries the whole city's working day,"), List.of(1L, 2L)),
        new Corroboration.Source("times", List.of("the bridge carries the whole city"), List.of(3L, 4L)));

    assertThat(Corroboration.count(quotes, List.of(5L, 6L), others, 0.8)).containsExactly(3, 1);
  }

  @Test
  void aReprintOfTheSameCopyIsNotAnIndependentSource() {
    List<String> quotes = List.of("Today Port Elwin is one city again.");
    List<Corroboration.Source> others = List.of(
        new Corroboration.Source("reprint", List.of("Today Port Elwin is one city again."), List.of(1L, 2L, 3L, 4L, 5L)),
        new Corroboration.Source("herald", List.of("Today Port Elwin is one city again,"), List.of(9L, 9L, 9L, 9L, 9L)));

    // The reprint's signature equals the document's own: one source, not two.
    assertThat(Corroboration.count(quotes, List.of(1L, 2L, 3L, 4L, 5L), others, 0.8)).containsExactly(2);
  }

  @Test
  void shortOrUnrelatedQuotesDoNotMatch() {
    List<Corroboration.Source> others = List.of(new Corroboration.Source("x", List.of("no comment", "The ferry will run on Sundays."), List.of()));

    assertThat(Corroboration.count(List.of("no comment", "The deck is storm-proof now."), List.of(), others, 0.8))
        .containsExactly(1, 1);
  }

  @Test
  void aClaimIsCorroboratedByAReportGivingTheSameNumberAboutTheSameEntity() {
    Corroboration.Claim cost = new Corroboration.Claim("The Varnholm Water Board approved a 45 million plan for a flood barrier.",
        List.of("organization:varnholm-water-board", "location:varnholm", "number:45"));
    Corroboration.Claim critic = new Corroboration.Claim("Opposition councillor Ruth Moreau called for an audit of the Varnholm plan.",
        List.of("person:ruth-moreau", "location:varnholm"));
    List<Corroboration.Source> others = List.of(
        new Corroboration.Source("times", List.of(), List.of(1L), List.of(new Corroboration.Claim(
            "The scheme in Varnholm will cost about 45 million.", List.of("location:varnholm", "number:45")))),
        // Same town, another number: another claim.
        new Corroboration.Source("wire", List.of(), List.of(2L), List.of(new Corroboration.Claim(
            "Work in Varnholm will take 18 months.", List.of("location:varnholm", "number:18")))));

    assertThat(Corroboration.countClaims(List.of(cost, critic), List.of(3L), others, 0.8)).containsExactly(2, 1);
  }
}
