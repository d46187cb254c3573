package io.newsflow.extract.internal;

import java.io.Serializable;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.PasswordProvider;

/**
 * Gives Tika one known password for every encrypted file or attachment. Serializable: it travels to
 * Tika's pipes workers inside the parse context. {@link #toString()} does not show the password.
 */
public final class Passwords implements PasswordProvider, Serializable {

  private static final long serialVersionUID = 1L;

  private final String password;

  public Passwords(String password) {
    this.password = password;
  }

  @Override
  public String getPassword(Metadata metadata) {
    return password;
  }

  @Override
  public String toString() {
    return "Passwords[****]";
  }
}
