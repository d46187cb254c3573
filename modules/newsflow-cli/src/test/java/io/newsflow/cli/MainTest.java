package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void aCommandLineKnowsOnlyTheSubcommandItRuns() {
    assertThat(Main.commandLine(new String[] {"import", "--json", "/tmp/tree"}).getSubcommands()).containsOnlyKeys("import");
    assertThat(Main.commandLine(new String[] {"--config", "search", "status"}).getSubcommands()).containsOnlyKeys("status");
    assertThat(Main.commandLine(new String[] {"--config=x.properties", "search", "storm"}).getSubcommands())
        .containsOnlyKeys("search");
  }

  @Test
  void helpAndUnknownCommandsGetEverySubcommand() {
    int all = Main.SUBCOMMANDS.size();
    assertThat(Main.commandLine(new String[] {}).getSubcommands()).hasSize(all);
    assertThat(Main.commandLine(new String[] {"--help"}).getSubcommands()).hasSize(all);
    assertThat(Main.commandLine(new String[] {"help", "import"}).getSubcommands()).hasSize(all);
    assertThat(Main.commandLine(new String[] {"imprt"}).getSubcommands()).hasSize(all);
  }

  @Test
  void anInheritedOptionStillReachesTheSubcommand() {
    var cl = Main.commandLine(new String[] {"import", "--config", "other.properties", "jobs"});
    var parsed = cl.parseArgs("import", "--config", "other.properties", "jobs");
    assertThat(parsed.subcommand().subcommand().commandSpec().name()).isEqualTo("jobs");
    assertThat(((Main) cl.getCommand()).config).hasToString("other.properties");
  }
}
