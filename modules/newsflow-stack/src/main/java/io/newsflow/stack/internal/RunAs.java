package io.newsflow.stack.internal;

import com.sun.security.auth.module.UnixSystem;
import io.newsflow.stack.StackException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which user Elasticsearch runs as. Elasticsearch refuses to start as root, so when this
 * JVM is root the server runs as the unprivileged system user {@value #ELASTICSEARCH_USER}
 * (created on first use) and the directories it writes are handed over to that user. As any other
 * user, Elasticsearch runs as that same user and nothing changes hands. Immutable. Not part of the API.
 */
public final class RunAs {

  public static final String ELASTICSEARCH_USER = "newsflow-es";

  private static final Logger log = LoggerFactory.getLogger(RunAs.class);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final String user;
  private final long uid;
  private final long gid;

  private RunAs(String user, long uid, long gid) {
    this.user = user;
    this.uid = uid;
    this.gid = gid;
  }

  /** Tells whether this JVM runs as root (uid 0). */
  public static boolean isRoot() {
    return new UnixSystem().getUid() == 0;
  }

  /** Returns how to run Elasticsearch from this JVM, creating {@value #ELASTICSEARCH_USER} if root and missing. */
  public static RunAs forElasticsearch() {
    if (!isRoot()) {
      return currentUser();
    }
    if (!userExists()) {
      createUser();
    }
    return new RunAs(ELASTICSEARCH_USER, idOf("-u"), idOf("-g"));
  }

  /** Returns the no-op choice: run as this JVM's user. */
  public static RunAs currentUser() {
    return new RunAs(null, -1, -1);
  }

  /** Tells whether commands run as another user than this JVM's. */
  public boolean switchesUser() {
    return user != null;
  }

  public String user() {
    return user;
  }

  /**
   * Prefixes {@code command} so it runs as the Elasticsearch user. Prefers {@code setpriv}, which
   * replaces itself with the command, so the pid we record and signal is the launcher JVM's own;
   * {@code runuser} stays in between as a parent process with its own signal handling, so it is
   * only the fallback.
   */
  public List<String> wrap(List<String> command) {
    if (!switchesUser()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>();
    Path setpriv = Commands.findExecutable("setpriv");
    Path runuser = Commands.findExecutable("runuser");
    if (setpriv != null) {
      wrapped.addAll(List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
    } else if (runuser != null) {
      wrapped.addAll(List.of(runuser.toString(), "-u", user, "--"));
    } else {
      throw new StackException("Elasticsearch cannot run as root and neither setpriv nor runuser is installed to run it as "
          + user + "; install util-linux or run newsflow as a normal user");
    }
    wrapped.addAll(command);
    return wrapped;
  }

  /**
   * Makes the Elasticsearch user the owner of everything under {@code dirs}, so that it can write
   * its data, logs, keystore and temp files. Does nothing when no user switch is needed.
   */
  public void handOver(List<Path> dirs) {
    if (!switchesUser()) {
      return;
    }
    UserPrincipalLookupService lookup = dirs.get(0).getFileSystem().getUserPrincipalLookupService();
    UserPrincipal owner;
    GroupPrincipal group;
    try {
      owner = lookup.lookupPrincipalByName(user);
      group = lookup.lookupPrincipalByGroupName(user);
    } catch (IOException e) {
      throw new StackException("cannot look up user " + user + ": " + e.getMessage(), e);
    }
    for (Path dir : dirs) {
      try {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attrs) throws IOException {
            chown(path);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) throws IOException {
            chown(path);
            return FileVisitResult.CONTINUE;
          }

          private void chown(Path path) throws IOException {
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributes attributes = view.readAttributes();
            if (!attributes.owner().equals(owner)) {
              view.setOwner(owner);
            }
            if (!attributes.group().equals(group)) {
              view.setGroup(group);
            }
          }
        });
      } catch (IOException e) {
        throw new StackException("cannot hand " + dir + " over to user " + user + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Checks that the Elasticsearch user can reach {@code dataDir}: every directory above it must
   * let that user pass. {@code dataDir} itself belongs to the stack, so it is opened up (o+x)
   * if needed rather than refused.
   *
   * @throws StackException naming the first directory that blocks the way
   */
  public void checkCanReach(Path dataDir) {
    if (!switchesUser()) {
      return;
    }
    try {
      Path current = dataDir.getRoot();
      for (Path part : dataDir) {
        current = current.resolve(part);
        if (current.equals(dataDir)) {
          break;
        }
        PosixFileAttributes attributes = Files.readAttributes(current, PosixFileAttributes.class);
        if (!passable(attributes)) {
          throw new StackException("Elasticsearch runs as user " + user + " (it refuses root), but " + current
              + " (mode " + modeOf(attributes.permissions()) + ") does not let that user through to " + dataDir
              + "; run 'chmod o+x " + current + "' or choose a data dir elsewhere");
        }
      }
      Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(dataDir));
      if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
        log.info("allowing user {} through {} (o+x)", user, dataDir);
        Files.setPosixFilePermissions(dataDir, permissions);
      }
    } catch (IOException e) {
      throw new StackException("cannot check the permissions on the way to " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private boolean passable(PosixFileAttributes attributes) {
    Set<PosixFilePermission> permissions = attributes.permissions();
    if (permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
      return true;
    }
    return attributes.group().getName().equals(user) && permissions.contains(PosixFilePermission.GROUP_EXECUTE);
  }

  static String modeOf(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission permission : permissions) {
      // PosixFilePermission is declared from OWNER_READ (0400) down to OTHERS_EXECUTE (0001).
      mode |= 1 << (8 - permission.ordinal());
    }
    return String.format("%03o", mode);
  }

  private static boolean userExists() {
    return Commands.run(List.of("id", "-u", ELASTICSEARCH_USER), Map.of(), COMMAND_TIMEOUT).succeeded();
  }

  private static void createUser() {
    Path useradd = Commands.findExecutable("useradd");
    if (useradd == null) {
      throw new StackException("Elasticsearch cannot run as root and there is no useradd to create user "
          + ELASTICSEARCH_USER + "; create that user yourself or run newsflow as a normal user");
    }
    log.info("creating system user {} to run Elasticsearch, which refuses to run as root", ELASTICSEARCH_USER);
    Commands.Result result = Commands.run(List.of(useradd.toString(), "--system", "--user-group", "--no-create-home",
        "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", ELASTICSEARCH_USER), Map.of(), COMMAND_TIMEOUT);
    // Another JVM may have created it a moment ago; only its absence afterwards is an error.
    if (!result.succeeded() && !userExists()) {
      throw new StackException("cannot create user " + ELASTICSEARCH_USER + " to run Elasticsearch (which refuses root): "
          + result.lastLine());
    }
  }

  private static long idOf(String option) {
    Commands.Result result = Commands.run(List.of("id", option, ELASTICSEARCH_USER), Map.of(), COMMAND_TIMEOUT);
    try {
      return Long.parseLong(result.output().trim());
    } catch (NumberFormatException e) {
      throw new StackException("cannot read the ids of user " + ELASTICSEARCH_USER + ": " + result.lastLine());
    }
  }
}
