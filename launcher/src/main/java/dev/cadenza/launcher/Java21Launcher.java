package dev.cadenza.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.util.Enumeration;
import java.util.jar.Manifest;

/**
 * The main class of Cadenza's runnable jars. Compiled for Java 8 so that an older Java can run
 * it: there it says what is needed instead of failing with {@code UnsupportedClassVersionError}
 * on the first class of the application; on Java 21+ it runs the class that the jar's manifest
 * names in {@value #MAIN_CLASS}.
 */
public final class Java21Launcher {
  static final int REQUIRED = 21;
  static final String MAIN_CLASS = "Cadenza-Main-Class";

  private Java21Launcher() {}

  public static void main(String[] args) throws Throwable {
    String version = System.getProperty("java.specification.version");
    if (feature(version) < REQUIRED) {
      System.err.println(tooOld(version, System.getProperty("java.home")));
      System.exit(1);
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    String main = mainClass(loader);
    if (main == null) {
      System.err.println("This jar's manifest names no " + MAIN_CLASS + ".");
      System.exit(1);
    }
    try {
      Class.forName(main, true, loader).getMethod("main", String[].class).invoke(null, (Object)
          args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  static String tooOld(String version, String home) {
    return "Cadenza needs Java " + REQUIRED + "+ (this is Java " + version + ", " + home + ").\n"
        + "Run the jar with a JDK " + REQUIRED + " or newer: put its bin directory first on PATH"
        + " (export PATH=$JAVA_HOME/bin:$PATH) or call $JAVA_HOME/bin/java -jar ...";
  }

  /** {@code 1.8} is 8, {@code 17} is 17. */
  static int feature(String version) {
    if (version == null) {
      return 0;
    }
    String[] parts = version.split("\\.");
    try {
      return Integer.parseInt(parts[0].equals("1") && parts.length > 1 ? parts[1] : parts[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The first manifest that names the real main class: a shaded jar has one manifest; a Spring
   * Boot jar's own manifest comes with those of its nested jars, which name none.
   */
  static String mainClass(ClassLoader loader) throws IOException {
    Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF");
    while (manifests.hasMoreElements()) {
      InputStream in = manifests.nextElement().openStream();
      try {
        String main = new Manifest(in).getMainAttributes().getValue(MAIN_CLASS);
        if (main != null) {
          return main.trim();
        }
      } finally {
        in.close();
      }
    }
    return null;
  }
}
